package dev.modmirror.ingest.gomod;

/**
 * Limits of a module graph walk, so that a hostile or enormous graph cannot run without end. The
 * walk stops at the first limit reached and says so ({@link ModuleGraph.Graph#truncated()}).
 *
 * @param maxDepth the longest chain of requirements followed from a main module (roots are depth 1)
 * @param maxModules the most go.mod files read from the upstream in one walk
 */
public record GraphBounds(int maxDepth, int maxModules) {
  public GraphBounds {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1");
    }
    if (maxModules < 1) {
      throw new IllegalArgumentException("maxModules must be at least 1");
    }
  }

  /** 100 levels and 10 000 go.mod files: far beyond real graphs (kubernetes reads ~600). */
  public static GraphBounds defaults() {
    return new GraphBounds(100, 10_000);
  }
}

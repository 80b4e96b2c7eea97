package dev.modmirror.core.gomod;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed go.work: the workspace's module directories and its own replacements.
 *
 * @param goVersion the {@code go} directive; empty if none
 * @param toolchain the {@code toolchain} directive; empty if none
 * @param uses every {@code use} directory, in file order, as written (relative to the go.work)
 * @param replaces every {@code replace}, which override the workspace modules' own
 */
public record GoWorkFile(
    Optional<String> goVersion,
    Optional<String> toolchain,
    List<Godebug> godebugs,
    List<Use> uses,
    List<Replace> replaces) {

  /**
   * One {@code use} line.
   *
   * @param dir the module directory as written
   * @param line the 1-based line it was read from
   */
  public record Use(String dir, int line) {
    public Use {
      Objects.requireNonNull(dir, "dir");
    }
  }

  public GoWorkFile {
    Objects.requireNonNull(goVersion, "goVersion");
    Objects.requireNonNull(toolchain, "toolchain");
    godebugs = List.copyOf(godebugs);
    uses = List.copyOf(uses);
    replaces = List.copyOf(replaces);
  }
}

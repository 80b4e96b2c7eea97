package dev.modmirror.ingest.gomod;

import dev.modmirror.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where go.mod files come from: a file, a directory tree (every go.mod under it, skipping {@code
 * vendor/}, {@code testdata/} and hidden directories, as the go command skips them when it looks
 * for modules), a go.work file (a workspace), standard input ({@code -}) or an HTTP(S) URL (at most
 * {@value #MAX_BYTES} bytes, within a timeout). Each source yields units: a main module or a
 * workspace, ingested on its own.
 */
public final class GoModSources {
  /** The most bytes read from one file, the standard input or one URL (x/mod MaxGoMod). */
  public static final int MAX_BYTES = ModuleGraph.MAX_GO_MOD;

  private static final Set<String> SKIPPED_DIRS = Set.of("vendor", "testdata");

  /** One main module or workspace to ingest. */
  public sealed interface Unit permits ModuleUnit, WorkspaceUnit {
    /** The name used in errors, logs and each request's origin. */
    String name();
  }

  /**
   * A go.mod.
   *
   * @param dir its directory on this machine; empty for standard input and URLs
   */
  public record ModuleUnit(String name, String text, Optional<Path> dir) implements Unit {}

  /**
   * A go.work; its {@code use} directories are read when it is ingested.
   *
   * @param dir its directory
   */
  public record WorkspaceUnit(String name, String text, Path dir) implements Unit {}

  private final InputStream stdin;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param stdin what {@code -} reads
   * @param timeout the bound for connecting to and reading one URL
   */
  public GoModSources(InputStream stdin, HttpClient http, Duration timeout) {
    this.stdin = stdin;
    this.http = http;
    this.timeout = timeout;
  }

  /**
   * Reads one source.
   *
   * @param spec a path, {@code -}, or an {@code http://} or {@code https://} URL
   * @return its units, directory trees in path order; empty for a tree without go.mod files
   * @throws InvalidInputException if the source cannot be read (missing, too large, HTTP error)
   */
  public List<Unit> read(String spec) {
    if (spec.equals("-")) {
      return List.of(new ModuleUnit("<stdin>", bounded(stdin, "<stdin>"), Optional.empty()));
    }
    if (spec.startsWith("http://") || spec.startsWith("https://")) {
      return List.of(new ModuleUnit(spec, fetch(spec), Optional.empty()));
    }
    Path path = Path.of(spec);
    if (Files.isDirectory(path)) {
      return tree(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new InvalidInputException(spec + ": no such file or directory");
    }
    Path dir = path.toAbsolutePath().getParent();
    String text = file(path);
    String fileName = path.getFileName().toString();
    if (fileName.equals("go.work") || fileName.endsWith(".work")) {
      return List.of(new WorkspaceUnit(spec, text, dir));
    }
    return List.of(new ModuleUnit(spec, text, Optional.of(dir)));
  }

  private List<Unit> tree(Path root) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
              boolean skip =
                  !dir.equals(root) && (SKIPPED_DIRS.contains(name) || name.startsWith("."));
              return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && file.getFileName().toString().equals("go.mod")) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new InvalidInputException("cannot walk " + root + ": " + e.getMessage());
    }
    found.sort(null);
    List<Unit> units = new ArrayList<>();
    for (Path f : found) {
      units.add(new ModuleUnit(f.toString(), file(f), Optional.of(f.toAbsolutePath().getParent())));
    }
    return units;
  }

  private String file(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return bounded(in, path.toString());
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + path + ": " + e.getMessage());
    }
  }

  private String fetch(String url) {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("invalid URL " + url + ": " + e.getMessage());
    }
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new InvalidInputException(url + ": HTTP " + response.statusCode());
        }
        return bounded(body, url);
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot fetch " + url + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvalidInputException("interrupted while fetching " + url);
    }
  }

  private static String bounded(InputStream in, String name) {
    try {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new InvalidInputException(
            name + ": larger than " + MAX_BYTES + " bytes, the most a go.mod may be");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + name + ": " + e.getMessage());
    }
  }
}

package dev.modmirror.deploy.chaos;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The services' exits that nobody asked for (no kill, no stop): each with its exit status, the
 * one-line reason it printed, and a copy of its log kept in a directory of its own, because a
 * passing run deletes its data directory, logs included, and the cause would be lost with it. Only
 * the logs are kept, not the whole run directory: a run's brokers and buckets are gigabytes, its
 * logs a few megabytes, and the log is where the reason is.
 */
final class UnexpectedExits {
  /** The most of a log's tail searched for the reason: the reason is among its last lines. */
  private static final int TAIL_BYTES = 256 * 1024;

  /**
   * One exit nobody asked for.
   *
   * @param status the process's exit status
   * @param during the fault in progress when it was noticed, or the run's phase
   * @param reason the last line the launcher printed ({@code modmirror…: …}), else the last line
   * @param kept the copy of the service's log (every incarnation), or null if it could not be made
   */
  record Exit(String service, int status, Instant at, String during, String reason, Path kept) {
    String describe() {
      return String.format(
          "unexpected exit %s (status %d) at %s during %s: %s; log kept in %s",
          service, status, at, during, reason, kept == null ? "(not kept)" : kept);
    }
  }

  private final Path keepDir;
  private final List<Exit> exits = new ArrayList<>();
  private final Map<String, Integer> perService = new HashMap<>();

  /** {@code keepDir}: where the logs are copied, as {@code <service>-<n>.log}. */
  UnexpectedExits(Path keepDir) {
    this.keepDir = keepDir;
  }

  /** If {@code service} exited without being told to, records it (once) and keeps its log. */
  synchronized Optional<Exit> check(ChildService service, String during) {
    if (!service.takeExitNobodyAskedFor()) {
      return Optional.empty();
    }
    int n = perService.merge(service.name(), 1, Integer::sum);
    Exit exit =
        new Exit(
            service.name(),
            service.exitCode(),
            Instant.now(),
            during,
            reason(service.log(), service.logOffset()),
            keep(service.log(), service.name() + "-" + n + ".log"));
    exits.add(exit);
    return Optional.of(exit);
  }

  synchronized List<Exit> all() {
    return List.copyOf(exits);
  }

  private Path keep(Path log, String name) {
    try {
      Files.createDirectories(keepDir);
      Path kept = keepDir.resolve(name);
      Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
      return kept.toAbsolutePath();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The reason an incarnation gave, from its output (which starts at {@code from} in {@code log}):
   * the last line the launcher printed for itself ({@code modmirror: unhealthy, stopping: …},
   * {@code modmirror warmer: invalid configuration: …}), else the last line that is not blank.
   */
  static String reason(Path log, long from) {
    List<String> lines;
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long start = Math.max(from, file.length() - TAIL_BYTES);
      byte[] tail = new byte[(int) Math.max(0, file.length() - start)];
      file.seek(start);
      file.readFully(tail);
      lines = new String(tail, StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
    String last = "(no output)";
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i).strip();
      if (line.startsWith("modmirror")) {
        return line;
      }
      if (last.equals("(no output)") && !line.isEmpty()) {
        last = line;
      }
    }
    return last;
  }
}

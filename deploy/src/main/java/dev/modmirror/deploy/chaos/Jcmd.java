package dev.modmirror.deploy.chaos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The JDK's {@code jcmd}, run against a child JVM (the benches' and the soak's heap readings). */
public final class Jcmd {
  private static final long TIMEOUT_SECONDS = 60;

  private Jcmd() {}

  /**
   * Runs {@code jcmd <pid> <command>} with this JVM's {@code jcmd}.
   *
   * @return its output, or empty if it failed (the process gone, attach refused) or did not end
   *     within a minute
   */
  public static Optional<String> run(long pid, String command)
      throws IOException, InterruptedException {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid),
                command)
            .redirectErrorStream(true)
            .start();
    String out;
    try (InputStream in = jcmd.getInputStream()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      out = bytes.toString(StandardCharsets.UTF_8);
    }
    if (!jcmd.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      jcmd.destroyForcibly();
      return Optional.empty();
    }
    return jcmd.exitValue() == 0 ? Optional.of(out) : Optional.empty();
  }
}

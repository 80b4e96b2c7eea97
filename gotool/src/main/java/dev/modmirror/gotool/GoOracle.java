package dev.modmirror.gotool;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Go oracle: a small Go program ({@code gotool/oracle}, built by the go command from
 * golang.org/x/mod at the version its go.mod pins, plus Go's archive/zip, encoding/json and
 * unicode) that answers what Go's own code says about an input. It is the referee of every port of
 * Go in core: one process answers many cases, one line each, in order.
 *
 * <p>The binary is built once per source version under {@code ~/.cache/modmirror/oracle/<sha>}; the
 * go command fetches x/mod through the Go module proxy into {@code ~/.cache/modmirror/gomodcache},
 * so later builds are offline. Not thread-safe: one caller at a time.
 */
public final class GoOracle implements AutoCloseable {
  private static final List<String> SOURCES = List.of("go.mod", "go.sum", "main.go", "tables.go");
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;

  private GoOracle(Process process) {
    this.process = process;
    this.in =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII), 1 << 16);
    this.out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII), 1 << 16);
  }

  /** One case: a kind ({@code zip}, {@code info}, {@code mod}, {@code tree}…) and its arguments. */
  public record Query(String kind, List<byte[]> args) {
    public static Query of(String kind, Object... args) {
      List<byte[]> bytes = new ArrayList<>();
      for (Object a : args) {
        bytes.add(a instanceof byte[] b ? b : a.toString().getBytes(StandardCharsets.UTF_8));
      }
      return new Query(kind, List.copyOf(bytes));
    }
  }

  /**
   * Go's answer.
   *
   * @param ok whether Go accepted the input
   * @param results what Go computed (e.g. the h1) when it accepted
   * @param error Go's error text when it refused, else empty
   */
  public record Answer(boolean ok, List<String> results, String error) {
    /** The first result, e.g. the h1 of an accepted zip. */
    public String result() {
      return results.get(0);
    }
  }

  /**
   * Builds (when needed) and starts the oracle with the go command found by {@link
   * GoToolchain#require()}.
   *
   * @throws IllegalStateException if the build fails
   */
  public static GoOracle start() {
    Path binary = build(GoToolchain.require());
    try {
      Process p = new ProcessBuilder(binary.toString()).redirectErrorStream(false).start();
      drainQuietly(p.getErrorStream());
      return new GoOracle(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Go oracle " + binary, e);
    }
  }

  /** Asks one case and waits for its answer. */
  public Answer ask(String kind, Object... args) {
    return askAll(List.of(Query.of(kind, args))).get(0);
  }

  /** Asks many cases at once (written while answers are read, so no pipe fills); same order. */
  public List<Answer> askAll(List<Query> queries) {
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              try {
                for (Query q : queries) {
                  in.write(line(q));
                }
                in.flush();
              } catch (IOException e) {
                throw new UncheckedIOException("the Go oracle stopped reading", e);
              }
            },
            task -> {
              Thread t = new Thread(task, "go-oracle-writer");
              t.setDaemon(true);
              t.start();
            });
    List<Answer> answers = new ArrayList<>(queries.size());
    try {
      for (int i = 0; i < queries.size(); i++) {
        String text = out.readLine();
        if (text == null) {
          throw new IllegalStateException("the Go oracle ended after " + i + " answers");
        }
        answers.add(parse(text));
      }
      writer.join();
      return answers;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Go oracle's answers", e);
    }
  }

  private static String line(Query q) {
    StringBuilder b = new StringBuilder(q.kind());
    for (byte[] a : q.args()) {
      b.append('\t').append(Base64.getEncoder().encodeToString(a));
    }
    return b.append('\n').toString();
  }

  private static Answer parse(String text) {
    String[] f = text.split("\t", -1);
    List<String> values = new ArrayList<>();
    for (int i = 1; i < f.length; i++) {
      values.add(new String(Base64.getDecoder().decode(f[i]), StandardCharsets.UTF_8));
    }
    if (f[0].equals("ok")) {
      return new Answer(true, List.copyOf(values), "");
    }
    return new Answer(false, List.of(), values.isEmpty() ? "" : values.get(0));
  }

  /** Builds the oracle if this source version has not been built yet; returns the binary. */
  static Path build(GoToolchain go) {
    return GoPrograms.build(go, GoOracle.class, "oracle", SOURCES, "-mod=mod", BUILD_TIMEOUT);
  }

  private static void drainQuietly(InputStream stream) {
    Thread t =
        new Thread(
            () -> {
              try (stream) {
                stream.transferTo(System.err);
              } catch (IOException ignored) {
                // The oracle ended; its stderr was diagnostics only.
              }
            },
            "go-oracle-stderr");
    t.setDaemon(true);
    t.start();
  }

  /** Ends the oracle (closing its input ends it; it is killed if it lingers). */
  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException ignored) {
      // Already gone.
    }
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}

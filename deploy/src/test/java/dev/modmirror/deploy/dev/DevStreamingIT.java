package dev.modmirror.deploy.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.store.Artifact;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import dev.modmirror.testkit.goproxy.Fault;
import dev.modmirror.testkit.goproxy.Match;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code modmirror dev} streams: each version's result is on stdout as soon as it ends, with
 * progress lines on stderr in between, and stdout holds nothing but results. Ordering is proven by
 * causality, not by timing: the upstream holds one version until the test has seen a result line
 * and, after it, a progress line that is not yet complete; a dev that printed only at the end could
 * never show that (nothing would be printed while a version is held).
 */
class DevStreamingIT {
  private static final int VERSIONS = 8;
  private static final Pattern RESULT =
      Pattern.compile(
          "^warmed +example\\.com/stream/m\\d+@v1\\.0\\.\\d h1:\\S+ region-1=ok"
              + " trace=[0-9a-f]{32}$");
  private static final Pattern PROGRESS = Pattern.compile("^dev: (\\d+)/" + VERSIONS + " done, .*");

  @TempDir Path dir;

  @Test
  void printsTheFirstResultLongBeforeTheLastWithProgressBetween() throws Exception {
    try (FakeGoProxy proxy = FakeGoProxy.start()) {
      List<BuiltModule> modules = modules();
      modules.forEach(proxy::add);
      BuiltModule held = modules.get(VERSIONS - 1);
      CountDownLatch release = new CountDownLatch(1);
      proxy.inject(
          Match.artifact(held.ref(), Artifact.INFO), Fault.hold(release, Duration.ofSeconds(90)));
      // A slow upstream, as the issue's: every other request waits too.
      proxy.inject(Match.any(), Fault.latency(Duration.ofMillis(30)));
      Lines lines = new Lines();

      CompletableFuture<Integer> exit =
          lines.run(dev(proxy, modules, "--progress", "plain", "--progress-interval", "PT0.1S"));
      int firstResult = lines.await(Channel.OUT, l -> true, 0);
      int progressAfter =
          lines.await(Channel.ERR, l -> doneOf(l) >= 0 && doneOf(l) < VERSIONS, firstResult);
      release.countDown();

      assertThat(exit.get(3, TimeUnit.MINUTES)).as(lines.toString()).isZero();
      List<Entry> out = lines.of(Channel.OUT);
      assertThat(out).as("stdout holds only results").hasSize(VERSIONS);
      out.forEach(e -> assertThat(e.text()).matches(RESULT));
      // The held version could only end after the release, so after that progress line; other
      // versions still in flight then may end after it.
      Entry heldLine =
          out.stream()
              .filter(e -> e.text().contains(" " + held.ref().path().value() + "@"))
              .findFirst()
              .orElseThrow();
      assertThat(out.get(0).seq()).isLessThan(progressAfter);
      assertThat(progressAfter).isLessThan(heldLine.seq());
      String err = lines.text(Channel.ERR);
      assertThat(err)
          .contains("outcomes: warmed " + VERSIONS)
          .contains(VERSIONS + "/" + VERSIONS + " versions warmed and verified in every region");
      assertThat(err).containsPattern("(?m)^fetch +\\d+ +\\d+ +" + VERSIONS + "$");
      assertThat(err).containsPattern("(?m)^replicate region-1 +\\d+ +\\d+ +" + VERSIONS + "$");
      assertThat(err).containsPattern("(?m)^slowest \\(ms\\).* total  trace$");
      assertThat(err)
          .containsPattern("(?m)^example\\.com/stream/m\\d+@v1\\.0\\.\\d .* [0-9a-f]{32}$");
    }
  }

  private static int doneOf(String line) {
    var m = PROGRESS.matcher(line);
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  private static List<BuiltModule> modules() {
    List<BuiltModule> modules = new ArrayList<>();
    for (int i = 0; i < VERSIONS; i++) {
      String path = "example.com/stream/m" + i;
      modules.add(
          ModuleBuilder.module(path)
              .version("v1.0." + (i % 10))
              .goMod("module " + path + "\n\ngo 1.19\n")
              .file("m.go", "package m\n\nconst N = " + i + "\n")
              .build());
    }
    return modules;
  }

  private String[] dev(FakeGoProxy proxy, List<BuiltModule> modules, String... extra)
      throws Exception {
    StringBuilder goMod = new StringBuilder("module example.com/app\n\ngo 1.19\n\nrequire (\n");
    modules.forEach(
        m ->
            goMod
                .append('\t')
                .append(m.ref().path())
                .append(' ')
                .append(m.ref().version())
                .append('\n'));
    Path file = Files.writeString(dir.resolve("go.mod"), goMod.append(")\n"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--regions",
                "1",
                "--upstream",
                proxy.baseUrl().toString(),
                "--gomod",
                file.toString(),
                "--timeout",
                "PT3M",
                "--data-dir",
                dir.resolve("data").toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private enum Channel {
    OUT,
    ERR
  }

  private record Entry(int seq, long millis, Channel channel, String text) {}

  /** Every line written to the command's stdout and stderr, in the order written. */
  private static final class Lines {
    private final List<Entry> entries = new ArrayList<>();

    CompletableFuture<Integer> run(String... args) {
      PrintStream out = new PrintStream(sink(Channel.OUT), true, StandardCharsets.UTF_8);
      PrintStream err = new PrintStream(sink(Channel.ERR), true, StandardCharsets.UTF_8);
      return CompletableFuture.supplyAsync(
          () -> new CommandLine(new DevCommand(out, err)).execute(args));
    }

    /** Waits (hang guard: three minutes) for a line of {@code channel} after {@code after}. */
    synchronized int await(Channel channel, Predicate<String> matching, int after)
        throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (true) {
        for (Entry e : entries) {
          if (e.seq() >= after && e.channel() == channel && matching.test(e.text())) {
            return e.seq();
          }
        }
        long left = deadline - System.nanoTime();
        assertThat(left).as("no such %s line yet: %s", channel, this).isPositive();
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }

    synchronized List<Entry> of(Channel channel) {
      return entries.stream().filter(e -> e.channel() == channel).toList();
    }

    synchronized String text(Channel channel) {
      StringBuilder text = new StringBuilder();
      of(channel).forEach(e -> text.append(e.text()).append('\n'));
      return text.toString();
    }

    private synchronized void add(Channel channel, String text) {
      entries.add(new Entry(entries.size(), System.currentTimeMillis() % 100_000, channel, text));
      notifyAll();
    }

    private OutputStream sink(Channel channel) {
      return new OutputStream() {
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
          if (b == '\n') {
            add(channel, line.toString(StandardCharsets.UTF_8));
            line.reset();
          } else {
            line.write(b);
          }
        }
      };
    }

    @Override
    public synchronized String toString() {
      StringBuilder all = new StringBuilder();
      entries.forEach(
          e ->
              all.append(e.millis())
                  .append(' ')
                  .append(e.channel())
                  .append(": ")
                  .append(e.text())
                  .append('\n'));
      return all.toString();
    }
  }
}

package dev.modmirror.deploy.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.deploy.process.ServiceProcess;
import dev.modmirror.gotool.GoToolchain;
import dev.modmirror.gotool.RealModules;
import dev.modmirror.testkit.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code modmirror dev --serve 0} as a user runs it, in its own JVM: it warms the modules a real
 * program needs from the go command's download cache ({@code file://}), prints its report (the
 * per-hop timing table on stderr), then {@code serving http://127.0.0.1:PORT}; a go command with an
 * empty module cache then builds the program through it and verifies every checksum through its
 * {@code /sumdb/} pass-through.
 */
class DevServeGoIT {
  private static GoToolchain go;
  private static Path work;
  private static ServiceProcess dev;
  private static String goproxy;

  @BeforeAll
  static void startDevServe() throws Exception {
    go = GoToolchain.require();
    RealModules corpus = HelloProgram.download(go);
    work = Files.createTempDirectory("dev-serve-");
    Path goMod = work.resolve("deps.go.mod");
    Files.writeString(goMod, HelloProgram.depsGoMod());
    dev =
        ServiceProcess.start(
            "dev",
            work.resolve("logs"),
            Map.of(),
            "dev",
            "--regions",
            "1",
            "--gomod",
            goMod.toString(),
            "--upstream",
            corpus.downloadTree().toUri().toString(),
            "--serve",
            "0");
    goproxy =
        dev.awaitLine(
            Pattern.compile("^serving (http://127\\.0\\.0\\.1:\\d+)$"), Duration.ofMinutes(4));
  }

  @AfterAll
  static void stop() throws Exception {
    if (dev != null) {
      dev.close();
    }
    if (work != null) {
      TempDirs.deleteTree(work);
    }
  }

  @Test
  void warmsReportsTimesEachHopAndThenServesGoABuild() throws Exception {
    // Results on stdout, the summary and timing tables on stderr.
    assertThat(dev.stdoutText()).contains("warmed ").doesNotContain("slowest (ms)");
    String summary = String.join("\n", dev.stderrLines());
    assertThat(summary).contains("versions warmed and verified in every region");
    assertThat(summary).contains("slowest (ms)").contains("fetch").contains("region-1");

    HelloProgram.buildsAndVerifiesThrough(go, goproxy, work.resolve("build"));
  }

  @Test
  void aVersionNotWarmedIsNotFound() {
    HelloProgram.missingVersionIsNotFound(go, goproxy);
  }
}

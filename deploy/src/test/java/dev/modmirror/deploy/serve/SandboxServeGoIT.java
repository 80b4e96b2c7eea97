package dev.modmirror.deploy.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.deploy.process.SandboxProcesses;
import dev.modmirror.deploy.process.ServiceProcess;
import dev.modmirror.gotool.GoToolchain;
import dev.modmirror.gotool.RealModules;
import dev.modmirror.testkit.TempDirs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code modmirror serve --region region-1} beside the sandbox, with ingest, warmer and replicator
 * as separate processes exactly as in production: the modules a real program needs are ingested
 * from a go.mod, warmed from the go command's download cache and copied to the region; then a go
 * command with an empty module cache builds the program through serve alone and verifies every
 * checksum through serve's {@code /sumdb/} pass-through ({@code MODMIRROR_SERVE_SUMDB} names the
 * cache's copy of sum.golang.org).
 */
class SandboxServeGoIT {
  private static final Duration WAIT = Duration.ofMinutes(3);
  private static GoToolchain go;
  private static Path work;
  private static SandboxProcesses sandbox;
  private static String goproxy;

  @BeforeAll
  static void warmThroughTheServices() throws Exception {
    go = GoToolchain.require();
    RealModules corpus = HelloProgram.download(go);
    work = Files.createTempDirectory("sandbox-serve-");
    Path sumdb = corpus.downloadTree().resolve("sumdb").resolve("sum.golang.org");
    sandbox =
        SandboxProcesses.start(
            work,
            Map.of(
                "MODMIRROR_UPSTREAM", corpus.downloadTree().toUri().toString(),
                "MODMIRROR_GOSUMDB", "off",
                "MODMIRROR_WARMER_SPOOL_DIR", work.toString(),
                "MODMIRROR_REPLICATOR_SPOOL_DIR", work.toString(),
                "MODMIRROR_SERVE_SUMDB", "sum.golang.org " + sumdb.toUri()));
    sandbox.startIngestService(work.resolve("streams"));
    sandbox.start("warmer", Map.of(), "warmer");
    sandbox.start("replicator", Map.of(), "replicator");
    ServiceProcess serve =
        sandbox.start(
            "serve", Map.of(), "serve", "--region", "region-1", "--listen", "127.0.0.1:0");
    goproxy = serve.awaitLine(Pattern.compile("^serving (http://\\S+) from region-1"), WAIT);
    Path goMod = work.resolve("deps.go.mod");
    Files.writeString(goMod, HelloProgram.depsGoMod());
    ServiceProcess ingest = sandbox.start("ingest-file", Map.of(), "ingest", goMod.toString());
    assertThat(ingest.awaitExit(WAIT)).as(ingest.logs()).isZero();
    for (String version : HelloProgram.versions()) {
      awaitServed(version);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (sandbox != null) {
      sandbox.close();
    }
    if (work != null) {
      TempDirs.deleteTree(work);
    }
  }

  @Test
  void goBuildsTheProgramThroughServeAndVerifiesEveryChecksum() throws Exception {
    HelloProgram.buildsAndVerifiesThrough(go, goproxy, work.resolve("build"));
  }

  @Test
  void aVersionNotInTheRegionIsNotFound() {
    HelloProgram.missingVersionIsNotFound(go, goproxy);
  }

  /** Waits until serve answers the version's {@code .info} from the region. */
  private static void awaitServed(String moduleAtVersion) throws Exception {
    int at = moduleAtVersion.indexOf('@');
    String path =
        dev.modmirror.core.module.ModulePaths.escapePath(moduleAtVersion.substring(0, at))
            + "/@v/"
            + dev.modmirror.core.module.ModulePaths.escapeVersion(moduleAtVersion.substring(at + 1))
            + ".info";
    HttpClient client = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<Void> answer =
          client.send(
              HttpRequest.newBuilder(URI.create(goproxy + "/" + path)).build(),
              HttpResponse.BodyHandlers.discarding());
      if (answer.statusCode() == 200) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(moduleAtVersion + " never reached region-1");
  }
}

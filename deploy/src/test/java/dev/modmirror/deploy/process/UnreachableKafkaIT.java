package dev.modmirror.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.deploy.ExitCodes;
import dev.modmirror.deploy.Launcher;
import dev.modmirror.testkit.TempDirs;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: {@code modmirror ingest} against a broker that is not there printed a stack trace after
 * 60 s. It now probes the broker first and exits 3 (a dependency unreachable) with one line naming
 * the address, within the probe's bound.
 */
class UnreachableKafkaIT {
  @Test
  void ingestAgainstAnUnreachableBrokerSaysSoInOneLineNamingTheAddress() throws Exception {
    Path work = TempDirs.create("unreachable-");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort(); // closed again below: nothing listens there
    }
    Path goMod =
        Files.writeString(
            work.resolve("go.mod"), "module example.com/app\n\nrequire example.com/a v1.0.0\n");
    Map<String, String> env =
        Map.of(
            "MODMIRROR_KAFKA_BOOTSTRAP", "127.0.0.1:" + port,
            "MODMIRROR_S3_ENDPOINT", "http://127.0.0.1:1",
            "MODMIRROR_S3_ACCESS_KEY", "unused",
            "MODMIRROR_S3_SECRET_KEY", "unused");
    long started = System.nanoTime();
    try (ChildJvm ingest =
        ChildJvm.start("ingest", work, env, Launcher.class.getName(), "ingest", goMod.toString())) {
      int exit = ingest.awaitExit(Duration.ofSeconds(90));
      System.out.printf(
          "modmirror ingest with no broker exited %d after %.1f s%n",
          exit, (System.nanoTime() - started) / 1e9);

      assertThat(exit).isEqualTo(ExitCodes.UNREACHABLE);
      assertThat(ingest.stderr().lines().filter(l -> !l.isBlank()))
          .as("stderr")
          .singleElement()
          .asString()
          .startsWith("modmirror ingest: ")
          .contains("127.0.0.1:" + port);
      assertThat(ingest.stdout()).isEmpty();
    } finally {
      TempDirs.deleteTree(work);
    }
  }
}

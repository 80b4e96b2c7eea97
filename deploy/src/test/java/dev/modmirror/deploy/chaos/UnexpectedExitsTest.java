package dev.modmirror.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.testkit.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a service that exits on its own during a chaos run is reported with the reason it
 * printed, and its log is kept out of the run's directory (which a passing run deletes); a service
 * the run killed or stopped is no such exit. The children are real {@code modmirror} JVMs, as in
 * the run.
 */
class UnexpectedExitsTest {
  private Path dir;

  @BeforeEach
  void createDir() throws Exception {
    dir = TempDirs.create("unexpected-exits-");
  }

  @AfterEach
  void deleteDir() {
    TempDirs.deleteTree(dir);
  }

  @Test
  void keepsTheLogAndReportsTheReasonOfAServiceThatExitedOnItsOwn() throws Exception {
    UnexpectedExits exits = new UnexpectedExits(dir.resolve("kept"));
    // No configuration at all: the warmer stops at once with a one-line reason and status 2.
    try (ChildService warmer =
        new ChildService("warmer-2", Map.of(), dir.resolve("logs"), "warmer")) {
      warmer.start();
      assertThat(warmer.awaitExit(120)).isEqualTo(2);

      UnexpectedExits.Exit exit = exits.check(warmer, "kill -9 broker 2").orElseThrow();

      assertThat(exit.service()).isEqualTo("warmer-2");
      assertThat(exit.status()).isEqualTo(2);
      assertThat(exit.during()).isEqualTo("kill -9 broker 2");
      assertThat(exit.reason())
          .startsWith("modmirror warmer: invalid configuration:")
          .contains("MODMIRROR_KAFKA_BOOTSTRAP");
      assertThat(exit.kept()).isEqualTo(dir.resolve("kept").resolve("warmer-2-1.log"));
      assertThat(Files.readString(exit.kept())).contains(exit.reason());
      assertThat(exit.describe()).contains("warmer-2", "status 2", exit.reason(), "warmer-2-1.log");
      assertThat(exits.check(warmer, "later")).as("reported once").isEmpty();

      // Started again (as the run does), it exits again: a second exit, a second kept log, and the
      // reason read from this incarnation's output only.
      Files.writeString(
          warmer.log(), "modmirror: an earlier incarnation's reason\n", StandardOpenOption.APPEND);
      warmer.start();
      assertThat(warmer.awaitExit(120)).isEqualTo(2);
      UnexpectedExits.Exit again = exits.check(warmer, "the settle").orElseThrow();
      assertThat(again.kept()).isEqualTo(dir.resolve("kept").resolve("warmer-2-2.log"));
      assertThat(again.reason()).startsWith("modmirror warmer: invalid configuration:");
      assertThat(exits.all()).containsExactly(exit, again);
    }
  }

  @Test
  void aServiceTheRunKilledOrStoppedIsNoUnexpectedExit() throws Exception {
    UnexpectedExits exits = new UnexpectedExits(dir.resolve("kept"));
    // Unreachable Kafka and S3: the warmer waits for them, alive, until it is killed.
    Map<String, String> env =
        Map.of(
            "MODMIRROR_KAFKA_BOOTSTRAP", "127.0.0.1:9",
            "MODMIRROR_S3_ENDPOINT", "http://127.0.0.1:9",
            "MODMIRROR_S3_ACCESS_KEY", "chaos",
            "MODMIRROR_S3_SECRET_KEY", "chaos-secret-key");
    try (ChildService warmer = new ChildService("warmer-1", env, dir.resolve("logs"), "warmer")) {
      warmer.start();
      assertThat(warmer.alive()).isTrue();
      warmer.kill();
      assertThat(exits.check(warmer, "kill -9 warmer-1")).isEmpty();

      warmer.start();
      warmer.close();
      assertThat(exits.check(warmer, "the end")).isEmpty();
    }
    assertThat(exits.all()).isEmpty();
    assertThat(dir.resolve("kept")).doesNotExist();
  }

  @Test
  void theReasonIsTheLauncherLineElseTheLastLine() throws Exception {
    Path log = dir.resolve("x.log");
    Files.writeString(
        log,
        "old incarnation\n"
            + "modmirror: unhealthy, stopping: group g on t: topic t does not exist (any more)\n"
            + "{\"level\":\"ERROR\",\"formattedMessage\":\"unhealthy, stopping (exit 3)\"}\n"
            + "{\"level\":\"INFO\",\"formattedMessage\":\"closed\"}\n\n");
    assertThat(UnexpectedExits.reason(log, 0))
        .isEqualTo(
            "modmirror: unhealthy, stopping: group g on t: topic t does not exist (any more)");
    long second = Files.size(log);
    Files.writeString(
        log, "java.lang.OutOfMemoryError: Java heap space\n\n", StandardOpenOption.APPEND);
    assertThat(UnexpectedExits.reason(log, second))
        .isEqualTo("java.lang.OutOfMemoryError: Java heap space");
    assertThat(UnexpectedExits.reason(log, Files.size(log))).isEqualTo("(no output)");
  }
}

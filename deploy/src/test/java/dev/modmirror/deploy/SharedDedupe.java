package dev.modmirror.deploy;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.streams.DedupeListener;
import dev.modmirror.adapters.streams.IngestStreams;
import dev.modmirror.core.dedupe.DedupeRules;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.kafka.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The dedupe stage for the tests that run a mirror over the shared test broker: one instance per
 * test JVM, in the production application id, so every request published by any test reaches the
 * warm lanes exactly once (an ingest service started by a test joins the same group).
 */
final class SharedDedupe {
  static final String APPLICATION_ID = "modmirror-ingest";
  private static IngestStreams streams;

  private SharedDedupe() {}

  static synchronized void ensureRunning() {
    if (streams == null) {
      Path state = TempDirs.create("modmirror-it-dedupe-");
      streams =
          IngestStreams.start(
              KafkaBusConfig.of(TestKafka.bootstrapServers(), "it-dedupe"),
              new IngestStreams.Settings(
                  APPLICATION_ID,
                  state,
                  Optional.empty(),
                  DedupeRules.defaults(),
                  Duration.ofDays(7)),
              DedupeListener.none());
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    streams.close();
                    TempDirs.deleteTree(state);
                  }));
    }
  }
}

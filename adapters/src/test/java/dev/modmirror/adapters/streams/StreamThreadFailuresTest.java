package dev.modmirror.adapters.streams;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class StreamThreadFailuresTest {
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-30T13:00:00Z"));
  private final StreamThreadFailures failures =
      new StreamThreadFailures(
          2,
          Duration.ofMinutes(10),
          new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return now.get();
            }
          });

  /** What the chaos run's ingest died of when a broker was killed mid-commit. */
  private static StreamsException commitFailed() {
    return new StreamsException(
        "Error encountered trying to commit a transaction",
        new InvalidTxnStateException(
            "The producer attempted a transactional operation in an invalid state."));
  }

  @Test
  void aTransactionTheBrokerAbortedReplacesTheThread() {
    assertThat(failures.decide(commitFailed())).isEqualTo(REPLACE_THREAD);
    assertThat(failures.decide(new StreamsException(new ProducerFencedException("fenced"))))
        .isEqualTo(REPLACE_THREAD);
  }

  @Test
  void anErrorOfOursShutsTheApplicationDown() {
    assertThat(failures.decide(new StreamsException(new IllegalStateException("bug"))))
        .isEqualTo(SHUTDOWN_CLIENT);
    assertThat(failures.decide(new NullPointerException())).isEqualTo(SHUTDOWN_CLIENT);
  }

  @Test
  void weatherThatRepeatsPastTheLimitWithinTheWindowShutsDownAndAgesOut() {
    assertThat(failures.decide(commitFailed())).isEqualTo(REPLACE_THREAD);
    now.set(now.get().plusSeconds(60));
    assertThat(failures.decide(new StreamsException(new TimeoutException("t"))))
        .isEqualTo(REPLACE_THREAD);
    assertThat(failures.decide(commitFailed())).isEqualTo(SHUTDOWN_CLIENT);
    // Ten minutes after the first replacement it no longer counts: one slot is free again.
    now.set(Instant.parse("2026-11-30T13:10:00Z"));
    assertThat(failures.decide(commitFailed())).isEqualTo(REPLACE_THREAD);
    assertThat(failures.decide(commitFailed())).isEqualTo(SHUTDOWN_CLIENT);
  }
}

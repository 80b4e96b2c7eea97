package dev.modmirror.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaBusConfigTest {

  @Test
  void defaultsToThreePartitionsAndReplicationOne() {
    KafkaBusConfig config = KafkaBusConfig.of("127.0.0.1:9092,broker-2:9092", "warmer");

    assertThat(config.partitions()).isEqualTo(3);
    assertThat(config.replicationFactor()).isEqualTo((short) 1);
    assertThat(config.publishTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(
            () -> new KafkaBusConfig("localhost", "has space", 0, (short) 0, Duration.ZERO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("bootstrap servers 'localhost'")
        .hasMessageContaining("client id 'has space'")
        .hasMessageContaining("partitions must be at least 1")
        .hasMessageContaining("replication factor must be at least 1")
        .hasMessageContaining("publish timeout must be positive");
  }
}

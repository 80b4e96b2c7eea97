package dev.modmirror.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class KafkaFixtureIT {

  @Test
  void startsOneBrokerPerJvmThatCreatesTopics() throws Exception {
    long t0 = System.nanoTime();
    String bootstrap = TestKafka.bootstrapServers();
    System.out.printf(
        "TestKafka start: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    assertThat(TestKafka.bootstrapServers()).isEqualTo(bootstrap);

    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic("testkafka-it", 3, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("testkafka-it");
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
    }
  }
}

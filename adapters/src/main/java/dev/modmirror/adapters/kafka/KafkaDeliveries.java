package dev.modmirror.adapters.kafka;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.webhook.Deliveries;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Deliveries} in the compacted topic {@link Topics#WEBHOOK_DELIVERIES} (retention {@value
 * #RETENTION_DAYS} days: far longer than any provider redelivers). Every replica reads the whole
 * topic at start and follows it on a thread of its own, so a delivery handled by any replica,
 * before or after a restart, is seen. {@link #remember} returns once the broker acknowledged.
 */
public final class KafkaDeliveries implements Deliveries, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaDeliveries.class);
  static final int RETENTION_DAYS = 30;

  private final KafkaBusConfig config;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final RememberedDeliveries known =
      new RememberedDeliveries(Duration.ofDays(RETENTION_DAYS));
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Clock clock;
  private final Thread follower;
  private volatile boolean closed;

  private KafkaDeliveries(KafkaBusConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.producer = new KafkaProducer<>(config.durableProducer("deliveries"));
    this.consumer = new KafkaConsumer<>(consumerProperties(config));
    this.follower = new Thread(this::follow, "webhook-deliveries");
    follower.setDaemon(true);
  }

  /**
   * Creates the topic if absent and starts following it.
   *
   * @throws TransientException if the broker does not answer in time
   */
  public static KafkaDeliveries start(KafkaBusConfig config, Clock clock) {
    KafkaTopics.createIfAbsent(config, List.of(Topics.WEBHOOK_DELIVERIES));
    KafkaDeliveries deliveries = new KafkaDeliveries(config, clock);
    deliveries.follower.start();
    return deliveries;
  }

  /** True once the topic was read to its end as of start-up. */
  public boolean ready() {
    return caughtUp.getCount() == 0;
  }

  /** Waits until {@link #ready()}, at most {@code timeout}. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean seen(String key) {
    return known.contains(key);
  }

  @Override
  public void remember(String key) {
    Instant now = clock.instant();
    if (!known.add(key, now, now)) {
      return;
    }
    try {
      Sends.await(
          producer.send(
              new ProducerRecord<>(
                  Topics.WEBHOOK_DELIVERIES, key, now.toString().getBytes(StandardCharsets.UTF_8))),
          config.publishTimeout(),
          "remember webhook delivery",
          null,
          null);
    } catch (RuntimeException e) {
      known.remove(key, now);
      throw e;
    }
  }

  private void follow() {
    TopicPartition partition = new TopicPartition(Topics.WEBHOOK_DELIVERIES, 0);
    try {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (!closed) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.key() != null) {
            known.add(r.key(), Instant.ofEpochMilli(r.timestamp()), clock.instant());
          }
        }
        if (caughtUp.getCount() > 0 && consumer.position(partition) >= end) {
          caughtUp.countDown();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error(
          "webhook deliveries: following {} stopped: {}", Topics.WEBHOOK_DELIVERIES, e.toString());
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      follower.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }

  private static Properties consumerProperties(KafkaBusConfig config) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-deliveries-reader");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return p;
  }
}

package dev.modmirror.adapters.kafka;

import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidGroupIdException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Which Kafka failures no retry can cure, as apache/kafka's {@code ExactlyOnceMessageProcessor}
 * sorts them: credentials or ACLs that refuse us, a broker too old for what we ask, a group or
 * topic name the broker rejects, another member using our static identity, a client
 * misconfiguration. Retrying them is a hang; the service stops with one line instead. Everything
 * else (timeouts, a broker restarting, a rebalance) is retried.
 */
final class KafkaFailures {
  private KafkaFailures() {}

  /** The one-line reason to stop, if {@code error} (or a cause of it) is fatal. */
  static Optional<String> fatal(Throwable error) {
    for (Throwable e = error; e != null && e.getCause() != e; e = e.getCause()) {
      Optional<String> kind = fatalKind(e);
      if (kind.isPresent()) {
        return Optional.of(kind.get() + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> fatalKind(Throwable e) {
    if (e instanceof AuthorizationException) {
      return Optional.of("not authorized");
    }
    if (e instanceof AuthenticationException) {
      return Optional.of("authentication failed");
    }
    if (e instanceof UnsupportedVersionException) {
      return Optional.of("the broker does not support this client's requests");
    }
    if (e instanceof InvalidGroupIdException || e instanceof InvalidTopicException) {
      return Optional.of("invalid name");
    }
    if (e instanceof FencedInstanceIdException) {
      return Optional.of("another consumer uses this instance id");
    }
    if (e instanceof ConfigException) {
      return Optional.of("misconfigured");
    }
    return Optional.empty();
  }
}

package dev.modmirror.deploy.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.Marker;

/**
 * Drops the in-process broker's ERROR line for an append refused with {@link
 * OutOfOrderSequenceException}. Under transactions v2 (KIP-890, KAFKA-18202) a broker refuses a
 * transactional producer's batch whose sequence is not 0 while it holds no state for that producer
 * yet, which happens whenever the batch after the first overtakes it on a loaded machine; the
 * producer is told the error is retriable and sends both again, so nothing is lost (the chaos run
 * counts every record). The broker still logs each refusal at ERROR with its stack, which in {@code
 * modmirror dev} reads as a failure of the run. Only this logger and this exception are dropped;
 * every other broker error still prints.
 */
public final class RetriedSequenceErrors extends TurboFilter {
  /** The broker's logger that reports refused appends. */
  static final String APPEND_LOGGER = "kafka.server.ReplicaManager";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (t instanceof OutOfOrderSequenceException && APPEND_LOGGER.equals(logger.getName())) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}

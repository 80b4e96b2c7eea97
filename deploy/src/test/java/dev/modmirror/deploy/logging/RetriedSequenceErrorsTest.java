package dev.modmirror.deploy.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

class RetriedSequenceErrorsTest {
  private final LoggerContext context = new LoggerContext();
  private final RetriedSequenceErrors filter = new RetriedSequenceErrors();

  private FilterReply decide(String logger, Throwable t) {
    Logger l = context.getLogger(logger);
    return filter.decide(null, l, Level.ERROR, "Error processing append operation", null, t);
  }

  @Test
  void theShippedLogbackConfigurationInstallsIt() throws Exception {
    // Logback's status goes nowhere in logback.xml: a filter it could not load would be silent.
    LoggerContext shipped = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(shipped);
    configurator.doConfigure(getClass().getResource("/logback.xml"));
    assertThat(shipped.getTurboFilterList())
        .hasAtLeastOneElementOfType(RetriedSequenceErrors.class);
  }

  @Test
  void dropsOnlyTheBrokersRetriedSequenceRefusal() {
    OutOfOrderSequenceException retried =
        new OutOfOrderSequenceException("Expected sequence 0 for transactions v2");
    assertThat(decide(RetriedSequenceErrors.APPEND_LOGGER, retried)).isEqualTo(FilterReply.DENY);
    assertThat(decide(RetriedSequenceErrors.APPEND_LOGGER, new RecordTooLargeException("big")))
        .as("another refused append still prints")
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide(RetriedSequenceErrors.APPEND_LOGGER, null)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide("dev.modmirror.adapters.kafka.Sends", retried))
        .as("our own clients' reports of it still print")
        .isEqualTo(FilterReply.NEUTRAL);
  }
}

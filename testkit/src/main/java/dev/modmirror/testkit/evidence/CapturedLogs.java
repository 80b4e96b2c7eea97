package dev.modmirror.testkit.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log line written while it is open (any thread, any logger, at the levels the test's logback
 * configuration lets through for the root logger), with the messages of attached throwables and
 * their causes, as an operator's log would show them. Close it to detach. Thread-safe.
 */
public final class CapturedLogs implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private CapturedLogs() {
    appender.start();
    root.addAppender(appender);
  }

  /** Starts capturing now. */
  public static CapturedLogs start() {
    return new CapturedLogs();
  }

  /** The lines so far, one per event: level, logger, message, and each throwable's message. */
  public List<String> lines() {
    List<ILoggingEvent> events;
    synchronized (appender) {
      events = List.copyOf(appender.list);
    }
    List<String> out = new ArrayList<>();
    for (ILoggingEvent e : events) {
      StringBuilder line =
          new StringBuilder(e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
      out.add(line.toString());
    }
    return out;
  }

  /** All lines joined, for a {@code contains} check. */
  public String text() {
    return String.join("\n", lines());
  }

  /**
   * Asserts that some line contains every one of {@code parts} (the refusal was logged) and that no
   * line contains any of {@code secrets}.
   */
  public void assertRefusalLoggedWithout(List<String> parts, List<String> secrets) {
    List<String> lines = lines();
    assertThat(lines)
        .as("a log line with all of %s", parts)
        .anyMatch(l -> parts.stream().allMatch(l::contains));
    for (String secret : secrets) {
      assertThat(secret).as("a secret to look for").isNotBlank();
      assertThat(lines).as("no log line holds a secret").noneMatch(l -> l.contains(secret));
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}

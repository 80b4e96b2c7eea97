package dev.modmirror.core.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a consumer group consumes: which topics, how many events it works on at once, how long one
 * may take, how failures are retried, and how long a shutdown waits for the work in flight.
 *
 * <p>The number in flight is independent of partitions: events of one partition are worked on
 * concurrently, and acknowledged in order (a partition's position advances only past events that
 * are done), so a crash redoes work, never skips it. Events with the same record key are never
 * worked on at once.
 *
 * @param topics the topics read, all carrying {@code E}; read alike (a lane that must not wait
 *     behind another is a consumption of its own)
 * @param group the consumer group
 * @param retryScope names the retry topics ({@link Topics#retry}): the group by default;
 *     consumptions of one group whose retries must stay apart (the warm lanes) each name their own
 * @param inFlight events worked on at once in this subscription, at most
 * @param deadline how long one delivery may take; its worker is then interrupted
 * @param retries how {@link Handled#retryLater} is honoured
 * @param shutdownGrace how long closing waits for the work in flight before abandoning it
 */
public record Consumption<E extends Event>(
    List<Topic<E>> topics,
    String group,
    String retryScope,
    int inFlight,
    Duration deadline,
    RetryPolicy retries,
    Duration shutdownGrace) {
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
  public static final int MAX_IN_FLIGHT = 4096;
  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._-]{1,180}");

  /**
   * @throws IllegalArgumentException listing every invalid setting
   */
  public Consumption {
    topics = List.copyOf(topics);
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(retryScope, "retryScope");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(retries, "retries");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    List<String> problems = new ArrayList<>();
    if (topics.isEmpty()) {
      problems.add("no topic to consume");
    }
    if (!GROUP.matcher(group).matches()) {
      problems.add("group '" + group + "' must be 1-180 letters, digits, '.', '_' or '-'");
    }
    if (!GROUP.matcher(retryScope).matches()) {
      problems.add(
          "retry scope '" + retryScope + "' must be 1-180 letters, digits, '.', '_' or '-'");
    }
    if (inFlight < 1 || inFlight > MAX_IN_FLIGHT) {
      problems.add("in flight must be 1 to " + MAX_IN_FLIGHT + ", got " + inFlight);
    }
    if (deadline.isNegative() || deadline.isZero()) {
      problems.add("deadline must be positive, got " + deadline);
    }
    if (shutdownGrace.isNegative()) {
      problems.add("shutdown grace must not be negative, got " + shutdownGrace);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "consumption of group " + group + ": " + String.join("; ", problems));
    }
  }

  /**
   * One topic, one event at a time, the default deadline and grace, no retries: the consumption of
   * {@link EventBus#subscribe}.
   */
  public static <E extends Event> Consumption<E> of(Topic<E> topic, String group) {
    return new Consumption<>(
        List.of(topic), group, group, 1, DEFAULT_DEADLINE, RetryPolicy.NONE, DEFAULT_GRACE);
  }

  /** The same, reading {@code more} as well, after the topics already read. */
  @SafeVarargs
  public final Consumption<E> andTopics(Topic<E>... more) {
    List<Topic<E>> all = new ArrayList<>(topics);
    all.addAll(List.of(more));
    return new Consumption<>(all, group, retryScope, inFlight, deadline, retries, shutdownGrace);
  }

  /** The same, with retry topics of its own: see {@link #retryScope()}. */
  public Consumption<E> withRetryScope(String scope) {
    return new Consumption<>(topics, group, scope, inFlight, deadline, retries, shutdownGrace);
  }

  public Consumption<E> withInFlight(int count) {
    return new Consumption<>(topics, group, retryScope, count, deadline, retries, shutdownGrace);
  }

  public Consumption<E> withDeadline(Duration perDelivery) {
    return new Consumption<>(
        topics, group, retryScope, inFlight, perDelivery, retries, shutdownGrace);
  }

  public Consumption<E> withRetries(RetryPolicy policy) {
    return new Consumption<>(topics, group, retryScope, inFlight, deadline, policy, shutdownGrace);
  }

  public Consumption<E> withShutdownGrace(Duration grace) {
    return new Consumption<>(topics, group, retryScope, inFlight, deadline, retries, grace);
  }

  /** The event type of every topic. */
  public Class<E> type() {
    return topics.get(0).type();
  }
}

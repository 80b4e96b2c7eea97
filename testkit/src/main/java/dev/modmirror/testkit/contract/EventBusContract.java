package dev.modmirror.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.FailureStatus;
import dev.modmirror.core.event.Handled;
import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.RetryPolicy;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.module.ModuleRef;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract of {@link EventBus}. Buses may share their topics with earlier tests (one broker per
 * test JVM), so every test uses a module path of its own and fresh group names, and handlers only
 * count events of that module.
 */
public abstract class EventBusContract {
  /** The tracer of the test that publishes; the bus under test has its own telemetry. */
  @RegisterExtension final OpenTelemetryExtension publisher = OpenTelemetryExtension.create();

  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final Instant AT =
      Instant.parse("2026-11-25T12:00:00Z").truncatedTo(ChronoUnit.MILLIS);

  private final List<EventBus> buses = new ArrayList<>();
  private final String module =
      "example.com/contract/m" + UUID.randomUUID().toString().substring(0, 8);

  /** A new bus; the suite closes it. */
  protected abstract EventBus newBus();

  /**
   * The record keys ({@code module@version}) that {@code bus} has dead-lettered so far. Called
   * repeatedly until the expected key shows up.
   */
  protected abstract List<String> deadLetteredKeys(EventBus bus);

  @AfterEach
  void closeBuses() {
    buses.forEach(EventBus::close);
  }

  @Test
  void deliversEveryTopicType() {
    EventBus bus = bus();
    ModuleRef ref = ref("v1.0.0");
    roundTrip(bus, Topics.REQUESTS, VersionRequested.of(ref, RequestSource.GOMOD, "go.mod", AT));
    roundTrip(bus, Topics.WARMED, VersionWarmed.of(ref, "h1:zip=", "h1:mod=", 42, AT));
    roundTrip(
        bus,
        Topics.FAILED,
        VersionFailed.of(ref, FailureStatus.NOT_FOUND, "not-found", "410 Gone", AT));
    roundTrip(bus, Topics.REPLICATED, RegionReplicated.failed(ref, "eu", "timed out", AT));
  }

  @Test
  void subscriptionsOfOneGroupShareTheEvents() {
    EventBus bus = bus();
    String group = group("shared");
    Map<ModuleRef, Integer> seen = new ConcurrentHashMap<>();
    bus.subscribe(Topics.REQUESTS, group, e -> count(seen, e));
    bus.subscribe(Topics.REQUESTS, group, e -> count(seen, e));

    List<ModuleRef> refs = publishRequests(bus, 20);

    await(() -> seen.keySet().containsAll(refs), "every event delivered to the group");
    settle();
    assertThat(seen).containsOnlyKeys(refs).allSatisfy((ref, times) -> assertThat(times).isOne());
  }

  @Test
  void everyGroupGetsEveryEvent() {
    EventBus bus = bus();
    Map<ModuleRef, Integer> first = new ConcurrentHashMap<>();
    Map<ModuleRef, Integer> second = new ConcurrentHashMap<>();
    bus.subscribe(Topics.REQUESTS, group("first"), e -> count(first, e));
    bus.subscribe(Topics.REQUESTS, group("second"), e -> count(second, e));

    List<ModuleRef> refs = publishRequests(bus, 10);

    await(() -> first.keySet().containsAll(refs), "every event in group first");
    await(() -> second.keySet().containsAll(refs), "every event in group second");
    assertThat(first).containsOnlyKeys(refs);
    assertThat(second).containsOnlyKeys(refs);
  }

  @Test
  void handlerRunsInThePublishersTrace() {
    EventBus bus = bus();
    Queue<String> handlerTraceIds = new ConcurrentLinkedQueue<>();
    bus.subscribe(
        Topics.WARMED,
        group("trace"),
        e -> {
          if (ours(e)) {
            handlerTraceIds.add(Span.current().getSpanContext().getTraceId());
          }
        });
    Tracer tracer = publisher.getOpenTelemetry().getTracer("contract");
    Span span = tracer.spanBuilder("publish").startSpan();
    Scope scope = span.makeCurrent();
    try {
      bus.publish(Topics.WARMED, VersionWarmed.of(ref("v1.0.0"), "h1:a=", "h1:b=", 1, AT));
    } finally {
      scope.close();
      span.end();
    }
    String traceId = span.getSpanContext().getTraceId();
    assertThat(publisher.getSpans())
        .singleElement()
        .satisfies(s -> assertThat(s.getTraceId()).isEqualTo(traceId));

    await(() -> !handlerTraceIds.isEmpty(), "the event delivered");
    assertThat(handlerTraceIds).containsOnly(traceId);
  }

  @Test
  void aThrowingHandlerIsDeadLetteredAndDeliveryGoesOn() {
    EventBus bus = bus();
    ModuleRef poison = ref("v1.0.0");
    Map<ModuleRef, Integer> handled = new ConcurrentHashMap<>();
    bus.subscribe(
        Topics.REQUESTS,
        group("poison"),
        e -> {
          if (e.ref().equals(poison)) {
            throw new IllegalStateException("handler failure (test)");
          }
          count(handled, e);
        });

    publish(bus, poison);
    publish(bus, ref("v1.0.1"));
    publish(bus, ref("v1.0.2"));

    await(
        () -> handled.keySet().containsAll(List.of(ref("v1.0.1"), ref("v1.0.2"))), "later events");
    await(() -> deadLetteredKeys(bus).contains(poison.key()), "the failed event dead-lettered");
    assertThat(handled).doesNotContainKey(poison);
  }

  @Test
  void aGroupResumesAfterItsSubscriptionWasClosed() {
    EventBus bus = bus();
    String group = group("resume");
    Map<ModuleRef, Integer> before = new ConcurrentHashMap<>();
    EventBus.Subscription subscription =
        bus.subscribe(Topics.REQUESTS, group, e -> count(before, e));
    publish(bus, ref("v1.0.0"));
    await(() -> before.containsKey(ref("v1.0.0")), "the first event");
    subscription.close();

    publish(bus, ref("v1.0.1"));
    publish(bus, ref("v1.0.2"));
    Map<ModuleRef, Integer> after = new ConcurrentHashMap<>();
    bus.subscribe(Topics.REQUESTS, group, e -> count(after, e));

    await(
        () -> after.keySet().containsAll(List.of(ref("v1.0.1"), ref("v1.0.2"))),
        "events published while the group had no subscription");
    assertThat(before).containsOnlyKeys(ref("v1.0.0"));
  }

  @Test
  void worksOnMoreEventsAtOnceThanTherePartitions() {
    EventBus bus = bus();
    int together = 6;
    AtomicInteger arrived = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    Map<ModuleRef, Integer> done = new ConcurrentHashMap<>();
    bus.consume(
        Consumption.of(Topics.REQUESTS, group("in-flight")).withInFlight(together + 2),
        (event, delivery) -> {
          if (ours(event)) {
            mostAtOnce.accumulateAndGet(arrived.incrementAndGet(), Math::max);
            // Each waits until all have arrived: only concurrent workers get past this.
            await(() -> arrived.get() >= together, together + " events worked on at once");
            count(done, event);
          }
          return Handled.done();
        });

    List<ModuleRef> refs = publishRequests(bus, together);

    await(() -> done.keySet().containsAll(refs), "every event done");
    assertThat(mostAtOnce.get()).isGreaterThanOrEqualTo(together);
  }

  @Test
  void aRetryComesBackAsTheNextAttemptUntilTheLast() {
    EventBus bus = bus();
    Queue<Integer> attempts = new ConcurrentLinkedQueue<>();
    bus.consume(
        Consumption.of(Topics.REQUESTS, group("retry"))
            .withRetries(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(100), 0.5)),
        (event, delivery) -> {
          if (!ours(event)) {
            return Handled.done();
          }
          attempts.add(delivery.attempt());
          return delivery.lastAttempt() ? Handled.done() : Handled.retryLater("test");
        });

    publish(bus, ref("v1.0.0"));

    await(() -> attempts.size() == 3, "three attempts");
    settle();
    assertThat(attempts).containsExactly(1, 2, 3);
    assertThat(deadLetteredKeys(bus)).doesNotContain(ref("v1.0.0").key());
  }

  @Test
  void aTransientFailureIsDeliveredAgainAndNeverDeadLettered() {
    EventBus bus = bus();
    ModuleRef flaky = ref("v1.0.0");
    AtomicInteger calls = new AtomicInteger();
    Map<ModuleRef, Integer> handled = new ConcurrentHashMap<>();
    bus.subscribe(
        Topics.REQUESTS,
        group("transient"),
        e -> {
          if (ours(e) && calls.incrementAndGet() == 1) {
            throw new TransientException("publish not acknowledged (test)");
          }
          count(handled, e);
        });

    publish(bus, flaky);

    await(() -> handled.containsKey(flaky), "the event handled on its second delivery");
    settle();
    assertThat(calls.get()).isEqualTo(2);
    assertThat(deadLetteredKeys(bus)).doesNotContain(flaky.key());
  }

  @Test
  void neverWorksOnTwoEventsWithOneKeyAtOnce() {
    EventBus bus = bus();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    bus.consume(
        Consumption.of(Topics.REQUESTS, group("one-key")).withInFlight(8),
        (event, delivery) -> {
          if (ours(event)) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(30);
            running.decrementAndGet();
            done.incrementAndGet();
          }
          return Handled.done();
        });

    for (int i = 0; i < 5; i++) {
      publish(bus, ref("v1.0.0"));
    }

    await(() -> done.get() == 5, "all five deliveries");
    assertThat(mostAtOnce.get()).isEqualTo(1);
  }

  private <E extends Event> void roundTrip(EventBus bus, Topic<E> topic, E event) {
    Queue<E> received = new ConcurrentLinkedQueue<>();
    bus.subscribe(
        topic,
        group(topic.name()),
        e -> {
          if (ours(e)) {
            received.add(e);
          }
        });
    bus.publish(topic, event);
    await(() -> !received.isEmpty(), "an event on " + topic.name());
    assertThat(received).containsExactly(event);
  }

  private List<ModuleRef> publishRequests(EventBus bus, int count) {
    List<ModuleRef> refs = IntStream.range(0, count).mapToObj(i -> ref("v1.0." + i)).toList();
    refs.forEach(ref -> publish(bus, ref));
    return refs;
  }

  private void publish(EventBus bus, ModuleRef ref) {
    bus.publish(Topics.REQUESTS, VersionRequested.of(ref, RequestSource.MANUAL, "contract", AT));
  }

  private void count(Map<ModuleRef, Integer> seen, Event event) {
    if (ours(event)) {
      seen.merge(event.ref(), 1, Integer::sum);
    }
  }

  private boolean ours(Event event) {
    return event.ref().path().value().equals(module);
  }

  private EventBus bus() {
    EventBus bus = newBus();
    buses.add(bus);
    return bus;
  }

  private ModuleRef ref(String version) {
    return ModuleRef.of(module, version);
  }

  private static String group(String name) {
    return "contract-" + name + "-" + UUID.randomUUID();
  }

  /** Long enough for a duplicate delivery to show up, if the bus were to make one. */
  private static void settle() {
    sleep(500);
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
      }
      sleep(20);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}

package dev.modmirror.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.testdata.CaseTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table {@code cases/consumptions.txt} (Consumption, RetryPolicy and Delivery at and one past
 * every bound), what each of Consumption's withers changes, Handled's two answers, and the bus's
 * default methods (publishAsync over publish, subscribe over consume).
 */
class ConsumptionTest {
  private static final Pattern REPEAT = Pattern.compile("([A-Za-z])\\*(\\d+)");
  private static final Topic<VersionRequested> A = new Topic<>("a", VersionRequested.class);
  private static final Topic<VersionRequested> B = new Topic<>("b", VersionRequested.class);

  static Stream<Arguments> consumptions() {
    return CaseTable.arguments(ConsumptionTest.class, "cases/consumptions.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("consumptions")
  void readsEachSettingAtItsBounds(CaseTable.Row row) {
    String got;
    try {
      got =
          switch (row.arg(0)) {
            case "policy" -> "tiers " + policy(row).tiers();
            case "delay" ->
                policy(row)
                    .delayAfter(Integer.parseInt(row.arg(5)), Double.parseDouble(row.arg(6)))
                    .toString();
            case "tier" -> String.valueOf(policy(row).tierAfter(Integer.parseInt(row.arg(5))));
            case "delivery" ->
                new Delivery(
                            Integer.parseInt(row.arg(1)),
                            Integer.parseInt(row.arg(2)),
                            Instant.EPOCH)
                        .lastAttempt()
                    ? "last"
                    : "not last";
            case "consumption" -> {
              var unused =
                  new Consumption<>(
                      Collections.nCopies(Integer.parseInt(row.arg(1)), A),
                      repeat(row.arg(2)),
                      repeat(row.arg(3)),
                      Integer.parseInt(row.arg(4)),
                      Duration.parse(row.arg(5)),
                      RetryPolicy.NONE,
                      Duration.parse(row.arg(6)));
              yield "ok";
            }
            default -> throw new IllegalArgumentException(row.where() + ": unknown kind");
          };
    } catch (IllegalArgumentException e) {
      got = "problem " + e.getMessage();
    }
    assertThat(got).as(row.where()).isEqualTo(repeat(row.want()));
  }

  private static RetryPolicy policy(CaseTable.Row row) {
    return new RetryPolicy(
        Integer.parseInt(row.arg(1)),
        Duration.parse(row.arg(2)),
        Duration.parse(row.arg(3)),
        Double.parseDouble(row.arg(4)));
  }

  private static String repeat(String text) {
    Matcher m = REPEAT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, m.group(1).repeat(Integer.parseInt(m.group(2))));
    }
    return m.appendTail(out).toString();
  }

  @Test
  void eachWitherChangesItsOwnSettingOnly() {
    RetryPolicy retries = new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(9), 0.25);
    Consumption<VersionRequested> base = Consumption.of(A, "group");
    assertThat(base)
        .isEqualTo(
            new Consumption<>(
                List.of(A),
                "group",
                "group",
                1,
                Consumption.DEFAULT_DEADLINE,
                RetryPolicy.NONE,
                Consumption.DEFAULT_GRACE));
    assertThat(Consumption.DEFAULT_DEADLINE).isEqualTo(Duration.ofMinutes(5));
    assertThat(Consumption.DEFAULT_GRACE).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryPolicy.NONE.maxAttempts()).isEqualTo(1);
    assertThat(base.type()).isEqualTo(VersionRequested.class);

    assertThat(base.andTopics(B, A).topics()).containsExactly(A, B, A);
    assertThat(base.withRetryScope("lane")).isEqualTo(with(base, "lane", 1, null, null, null));
    assertThat(base.withInFlight(7)).isEqualTo(with(base, null, 7, null, null, null));
    assertThat(base.withDeadline(Duration.ofSeconds(3)))
        .isEqualTo(with(base, null, 1, Duration.ofSeconds(3), null, null));
    assertThat(base.withRetries(retries)).isEqualTo(with(base, null, 1, null, retries, null));
    assertThat(base.withShutdownGrace(Duration.ZERO))
        .isEqualTo(with(base, null, 1, null, null, Duration.ZERO));
    // Withers validate as the constructor does.
    assertThatThrownBy(() -> base.withInFlight(0))
        .hasMessage("consumption of group group: in flight must be 1 to 4096, got 0");
  }

  @Test
  void topicsAreCopiedAndNullsRefusedByName() {
    List<Topic<VersionRequested>> topics = new ArrayList<>(List.of(A));
    Consumption<VersionRequested> c =
        new Consumption<>(
            topics, "g", "g", 1, Duration.ofSeconds(1), RetryPolicy.NONE, Duration.ZERO);
    topics.add(B);
    assertThat(c.topics()).containsExactly(A);
    assertThatThrownBy(() -> Consumption.of(A, null)).hasMessage("group");
    assertThatThrownBy(() -> c.withRetryScope(null)).hasMessage("retryScope");
    assertThatThrownBy(() -> c.withDeadline(null)).hasMessage("deadline");
    assertThatThrownBy(() -> c.withRetries(null)).hasMessage("retries");
    assertThatThrownBy(() -> c.withShutdownGrace(null)).hasMessage("shutdownGrace");
    assertThatThrownBy(() -> new RetryPolicy(1, null, Duration.ZERO, 0)).hasMessage("firstDelay");
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, null, 0)).hasMessage("maxDelay");
    assertThatThrownBy(() -> new Delivery(1, 1, null)).hasMessage("deadline");
  }

  private static Consumption<VersionRequested> with(
      Consumption<VersionRequested> c,
      String scope,
      int inFlight,
      Duration deadline,
      RetryPolicy retries,
      Duration grace) {
    return new Consumption<>(
        c.topics(),
        c.group(),
        scope == null ? c.retryScope() : scope,
        inFlight,
        deadline == null ? c.deadline() : deadline,
        retries == null ? c.retries() : retries,
        grace == null ? c.shutdownGrace() : grace);
  }

  @Test
  void aBacklogKeepsItsOwnCopyOfTheOldestRecords() {
    List<VersionRequested> oldest = new ArrayList<>(List.of(request()));
    ConsumerBacklog.Backlog<VersionRequested> backlog = new ConsumerBacklog.Backlog<>(3, oldest);
    oldest.clear();
    assertThat(backlog.oldest()).containsExactly(request());
    assertThat(backlog.records()).isEqualTo(3);
  }

  @Test
  void handledIsDoneOrARetryWithItsReason() {
    assertThat(Handled.done()).isSameAs(Handled.done()).isInstanceOf(Handled.Done.class);
    assertThat(Handled.retryLater("503 upstream"))
        .isEqualTo(new Handled.RetryLater("503 upstream"));
    assertThatThrownBy(() -> Handled.retryLater(null)).hasMessage("reason");
  }

  @Test
  void publishAsyncCompletesWhenPublishReturnsAndFailsWithWhatItThrew() {
    RecordingBus bus = new RecordingBus();
    VersionRequested event = request();
    assertThat(bus.publishAsync(A, event).toCompletableFuture().join()).isNull();
    assertThat(bus.published).containsExactly(event);

    TransientException refused = new TransientException("bus full");
    bus.failure = refused;
    assertThatThrownBy(() -> bus.publishAsync(A, event).toCompletableFuture().join())
        .isInstanceOf(CompletionException.class)
        .hasCause(refused);
  }

  @Test
  void subscribeConsumesOneAtATimeAndAnswersDoneAfterTheHandlerReturns() {
    RecordingBus bus = new RecordingBus();
    List<VersionRequested> handled = new ArrayList<>();
    bus.subscribe(A, "group", handled::add);
    assertThat(bus.consumption).isEqualTo(Consumption.of(A, "group"));
    VersionRequested event = request();
    Delivery first = new Delivery(1, 1, Instant.EPOCH);
    assertThat(bus.worker.handle(event, first)).isEqualTo(Handled.done());
    assertThat(handled).containsExactly(event);

    RuntimeException broken = new IllegalStateException("broken handler");
    bus.subscribe(
        A,
        "group",
        e -> {
          throw broken;
        });
    assertThatThrownBy(() -> bus.worker.handle(event, first)).isSameAs(broken);
  }

  private static VersionRequested request() {
    return VersionRequested.of(
        ModuleRef.of("example.com/m", "v1.0.0"), RequestSource.GOMOD, "", Instant.EPOCH);
  }

  /** A bus that records what its default methods call. */
  private static final class RecordingBus implements EventBus {
    final List<Event> published = new ArrayList<>();
    RuntimeException failure;
    Consumption<?> consumption;
    Worker<VersionRequested> worker;

    @Override
    public <E extends Event> void publish(Topic<E> topic, E event) {
      if (failure != null) {
        throw failure;
      }
      published.add(event);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E extends Event> Subscription consume(Consumption<E> consumption, Worker<E> worker) {
      this.consumption = consumption;
      this.worker = (Worker<VersionRequested>) worker;
      return () -> {};
    }

    @Override
    public void close() {}
  }
}

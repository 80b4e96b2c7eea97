package dev.modmirror.deploy.service;

import dev.modmirror.adapters.http.Request;
import dev.modmirror.adapters.http.Response;
import dev.modmirror.adapters.kafka.DeadLetterReplay;
import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.Shown;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /admin/dlq/replay} on every surface: the use case of {@code modmirror dlq replay}
 * over HTTP (admin token, checked by {@link AdminRoutes} before this runs). The body has one option
 * per line, all optional: {@code since=<instant or duration>}, {@code filter=FIELD=GLOB}
 * (repeatable, all must match) and {@code dry-run=true}; an empty body replays every dead letter,
 * as the command without options does. The replay runs while the request waits (the dead-letter
 * topic is small by design: it holds what no retry could handle) and answers 200 with the command's
 * report, 400 for a malformed body, 409 while another replay runs, 503 when Kafka cannot be
 * reached.
 */
final class DlqReplayAction {
  private static final Logger LOG = LoggerFactory.getLogger(DlqReplayAction.class);

  private final KafkaBusConfig kafka;
  private final Clock clock;
  private final AtomicBoolean replaying = new AtomicBoolean();

  DlqReplayAction(KafkaBusConfig kafka, Clock clock) {
    this.kafka = kafka;
    this.clock = clock;
  }

  Response replay(Request request) {
    Options options;
    try {
      options = Options.parse(new String(request.body(), StandardCharsets.UTF_8), clock);
    } catch (InvalidInputException e) {
      return Response.text(400, e.getMessage() + "\n");
    }
    if (!replaying.compareAndSet(false, true)) {
      return Response.text(409, "a dead-letter replay is running\n");
    }
    try {
      StringBuilder out = new StringBuilder();
      DeadLetterReplay.Summary summary =
          DeadLetterReplay.run(
              kafka,
              options.since(),
              options.filter(),
              options.dryRun(),
              line -> out.append(line).append('\n'));
      String total = DlqCommand.summaryLine(summary, options.dryRun());
      LOG.info("dead-letter replay requested over HTTP by {}: {}", request.remote(), total);
      return Response.text(200, out.append(total).append('\n').toString());
    } catch (ModmirrorException e) {
      return Response.text(503, "not replayed: " + e.getMessage() + "\n");
    } finally {
      replaying.set(false);
    }
  }

  /** The body's options; the same names and meanings as the command's. */
  record Options(
      Optional<Instant> since, Predicate<DeadLetterReplay.Letter> filter, boolean dryRun) {
    static Options parse(String body, Clock clock) {
      Optional<Instant> since = Optional.empty();
      Predicate<DeadLetterReplay.Letter> filter = letter -> true;
      boolean dryRun = false;
      for (String raw : body.split("\n")) {
        String line = raw.strip();
        if (line.isEmpty()) {
          continue;
        }
        int eq = line.indexOf('=');
        String name = eq < 0 ? line : line.substring(0, eq).strip();
        String value = eq < 0 ? "" : line.substring(eq + 1).strip();
        switch (name) {
          case "since" -> since = DlqCommand.since(value, clock);
          case "filter" -> filter = filter.and(DeadLetterReplay.filter(value));
          case "dry-run" -> dryRun = bool(value);
          default ->
              throw new InvalidInputException(
                  "unknown option '"
                      + Shown.clipped(name, DlqCommand.SHOWN)
                      + "': body lines are since=…, filter=FIELD=GLOB, dry-run=true");
        }
      }
      return new Options(since, filter, dryRun);
    }

    private static boolean bool(String value) {
      return switch (value) {
        case "true" -> true;
        case "false" -> false;
        default ->
            throw new InvalidInputException(
                "dry-run='" + Shown.clipped(value, DlqCommand.SHOWN) + "': expected true or false");
      };
    }
  }
}

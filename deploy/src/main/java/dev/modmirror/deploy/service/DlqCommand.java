package dev.modmirror.deploy.service;

import dev.modmirror.adapters.kafka.DeadLetterReplay;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.Shown;
import dev.modmirror.deploy.wiring.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modmirror dlq}: the dead-letter topic. */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    description = "Works with the dead-letter topic (modmirror.dead-letter.v1).",
    subcommands = {DlqCommand.Replay.class})
public final class DlqCommand {

  /** {@code modmirror dlq replay [--since T] [--filter FIELD=GLOB]… [--dry-run]}. */
  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description =
          "Publishes dead-lettered records again to the topic they came from (original key, value"
              + " and headers), so every group consuming it works on them again. Truncated copies"
              + " are reported, not replayed.")
  static final class Replay implements Callable<Integer> {
    @Option(
        names = "--since",
        description =
            "Only records dead-lettered at or after this time: an RFC 3339 instant"
                + " (2026-11-25T10:00:00Z) or a duration back from now (PT1H).")
    String since;

    @Option(
        names = "--filter",
        description =
            "FIELD=GLOB, FIELD one of key, topic, kind, group, error; * and ? as in shell globs."
                + " Repeat to require all (e.g. --filter kind=transient --filter key='golang.org/*').")
    List<String> filters = new ArrayList<>();

    @Option(names = "--dry-run", description = "Report what would be replayed; publish nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
      Predicate<DeadLetterReplay.Letter> filter = letter -> true;
      for (String spec : filters) {
        filter = filter.and(DeadLetterReplay.filter(spec));
      }
      Deployment deployment = Deployment.from(System.getenv(), "modmirror-dlq");
      DeadLetterReplay.Summary summary =
          DeadLetterReplay.run(
              deployment.kafka(),
              since == null ? Optional.empty() : since(since, Clock.systemUTC()),
              filter,
              dryRun,
              System.out::println);
      System.out.println(summaryLine(summary, dryRun));
      return 0;
    }
  }

  /** The last line of a replay's report, the same for the command and the admin endpoint. */
  static String summaryLine(DeadLetterReplay.Summary summary, boolean dryRun) {
    return String.format(
        "%s %d of %d dead letters (%d truncated, not replayable; %d filtered out)",
        dryRun ? "would replay" : "replayed",
        summary.replayed(),
        summary.read(),
        summary.truncated(),
        summary.filteredOut());
  }

  /**
   * Reads a {@code --since} value: an RFC 3339 instant or an ISO-8601 duration back from now.
   *
   * @throws InvalidInputException naming the value and what is expected
   */
  static Optional<Instant> since(String text, Clock clock) {
    try {
      return Optional.of(
          text.startsWith("P") ? clock.instant().minus(Duration.parse(text)) : Instant.parse(text));
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          "since '"
              + Shown.clipped(text, SHOWN)
              + "': expected an RFC 3339 instant or an ISO-8601 duration");
    }
  }

  /** At most this many code points of a value from outside go into an error message. */
  static final int SHOWN = 64;
}

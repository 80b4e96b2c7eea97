package dev.modmirror.deploy.service;

import dev.modmirror.adapters.kafka.DeadLetterReplay;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.deploy.wiring.Deployment;
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
              deployment.kafka(), since(since), filter, dryRun, System.out::println);
      System.out.printf(
          "%s %d of %d dead letters (%d truncated, not replayable; %d filtered out)%n",
          dryRun ? "would replay" : "replayed",
          summary.replayed(),
          summary.read(),
          summary.truncated(),
          summary.filteredOut());
      return 0;
    }

    private static Optional<Instant> since(String text) {
      if (text == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            text.startsWith("P") ? Instant.now().minus(Duration.parse(text)) : Instant.parse(text));
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(
            "--since '" + text + "': expected an RFC 3339 instant or an ISO-8601 duration");
      }
    }
  }
}

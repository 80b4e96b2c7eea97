package dev.modmirror.deploy.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modmirror.deploy.ExitCodes;
import dev.modmirror.deploy.wiring.Deployment;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modmirror doctor}: reads the services' settings ({@link Deployment#from}) and checks every
 * dependency in parallel, each within {@code --timeout}: Kafka (brokers, topics and partitions,
 * consumer group lag), the primary and each region bucket (credentials, bucket, a write-read-delete
 * probe), each upstream, the checksum database (its signed tree head verifies with the configured
 * key) and the OTLP endpoint when one is set.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Checks every dependency of the configured deployment, in parallel, and prints a table.",
      "Exit 0 if all pass, 3 if any fails, 2 if the settings are invalid."
    })
public final class DoctorCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print a JSON array instead of a table.")
  boolean json;

  @Option(
      names = "--timeout",
      defaultValue = "PT5S",
      description = "How long each check may take (ISO-8601, default PT5S).")
  Duration timeout;

  /** The environment and output; tests give their own. */
  Map<String, String> env = System.getenv();

  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    Deployment deployment = Deployment.from(env, "modmirror-doctor");
    List<CheckResult> rows = Checks.run(Checks.all(deployment, env, timeout), timeout);
    if (json) {
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
    } else {
      print(rows);
    }
    out.flush();
    return rows.stream().allMatch(CheckResult::ok) ? ExitCodes.OK : ExitCodes.UNREACHABLE;
  }

  private void print(List<CheckResult> rows) {
    int width = rows.stream().mapToInt(r -> r.check().length()).max().orElse(5);
    String format = "%-" + width + "s  %-11s %8s  %s%n";
    out.printf(Locale.ROOT, format, "CHECK", "STATUS", "LATENCY", "DETAIL / HINT");
    for (CheckResult r : rows) {
      out.printf(
          Locale.ROOT,
          format,
          r.check(),
          r.status(),
          r.latencyMillis() + " ms",
          r.hint().isEmpty() ? r.detail() : r.detail() + "  → " + r.hint());
    }
  }
}

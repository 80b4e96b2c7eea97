package dev.modmirror.deploy.dev;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints dev mode's reports: one result per version on stdout (a text line or a JSON object per
 * line, as each ends; or a JSON array at the end), and the summary of counts on stderr.
 */
final class ReportPrinter {
  /** How results are printed on stdout. */
  enum Format {
    /** A line per version as it ends. */
    TEXT,
    /** One JSON array of every version, in go.mod order, at the end. */
    JSON,
    /** A JSON object per line, per version as it ends. */
    JSON_LINES
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportPrinter() {}

  /** Prints one ended version at once (text and JSON lines; the array waits for {@link #end}). */
  static void ended(VersionReport report, Format format, PrintStream out)
      throws JsonProcessingException {
    switch (format) {
      case TEXT -> out.println(line(report));
      case JSON_LINES -> out.println(JSON.writeValueAsString(report));
      case JSON -> {
        return;
      }
    }
    out.flush();
  }

  /** Prints what is printed only once every version has ended: the array of {@code --json}. */
  static void end(List<VersionReport> reports, Format format, PrintStream out)
      throws JsonProcessingException {
    if (format == Format.JSON) {
      out.println(
          JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(reports));
      out.flush();
    }
  }

  /**
   * Counts by outcome, e.g. {@code outcomes: failed 1, not-found 2, warmed 397}, then the total.
   */
  static void summary(List<VersionReport> reports, PrintStream err) {
    Map<String, Long> byStatus =
        reports.stream()
            .collect(
                Collectors.groupingBy(
                    r ->
                        r.status() == VersionReport.Status.WARMED && !r.complete()
                            ? "warmed-incomplete"
                            : r.status().label(),
                    TreeMap::new,
                    Collectors.counting()));
    err.println(
        "outcomes: "
            + byStatus.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")));
    long complete = reports.stream().filter(VersionReport::complete).count();
    err.println(complete + "/" + reports.size() + " versions warmed and verified in every region");
  }

  static String line(VersionReport r) {
    String regions =
        r.regions().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey() + "=" + e.getValue().label())
            .collect(Collectors.joining(" "));
    String hash = r.h1().isEmpty() ? "-" : r.h1();
    String reason = r.reason().isEmpty() ? "" : "  reason: " + r.reason();
    return String.format(
        "%-9s %s@%s %s %s trace=%s%s",
        r.status().label(), r.module(), r.version(), hash, regions, r.traceId(), reason);
  }
}

package dev.modmirror.deploy.dev;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints dev mode's reports: one line per version, or a JSON array. */
final class ReportPrinter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportPrinter() {}

  static void print(List<VersionReport> reports, boolean json, PrintStream out)
      throws JsonProcessingException {
    if (json) {
      out.println(JSON.writeValueAsString(reports));
      return;
    }
    for (VersionReport r : reports) {
      out.println(line(r));
    }
    long complete = reports.stream().filter(VersionReport::complete).count();
    out.println(complete + "/" + reports.size() + " versions warmed and verified in every region");
  }

  private static String line(VersionReport r) {
    String regions =
        r.regions().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
    String hash = r.h1().isEmpty() ? "-" : r.h1();
    String reason = r.reason().isEmpty() ? "" : "  reason: " + r.reason();
    return String.format(
        "%-9s %s@%s %s %s trace=%s%s",
        r.status(), r.module(), r.version(), hash, regions, r.traceId(), reason);
  }
}

package dev.modmirror.core.testdata;

import java.time.Instant;
import java.util.Optional;

/**
 * How a row of {@code module/cases/info-files.txt} writes its {@code .info} and its outcome, for
 * the test that runs the table and for the Go referee alike.
 *
 * <pre>
 * "json"                            =&gt; …   the .info as written
 * "json"  SIZE                      =&gt; …   spaces before the last "}" up to SIZE bytes
 * "json"  nest N "OPEN" "IN" "CLOSE" =&gt; …   "%s" in json replaced by N × OPEN, IN, N × CLOSE
 * … =&gt; ok                                  accepted
 * … =&gt; ok INSTANT                          accepted, Time read as that instant ({@link Instant#parse})
 * </pre>
 */
public final class InfoRows {
  private InfoRows() {}

  /** The row's .info text. */
  public static String json(CaseTable.Row row) {
    String json = row.arg(0);
    if (row.args().size() == 1) {
      return json;
    }
    if (row.arg(1).equals("nest")) {
      int n = Integer.parseInt(row.arg(2));
      String nested = row.arg(3).repeat(n) + row.arg(4) + row.arg(5).repeat(n);
      if (!json.contains("%s")) {
        throw new IllegalArgumentException(row.where() + ": nest needs a %s in the JSON");
      }
      return json.replace("%s", nested);
    }
    int size = Integer.parseInt(row.arg(1));
    int close = json.lastIndexOf('}');
    return json.substring(0, close) + " ".repeat(size - json.length()) + "}";
  }

  /** Whether the row's outcome is acceptance. */
  public static boolean accepted(CaseTable.Row row) {
    return row.want().equals("ok") || row.want().startsWith("ok ");
  }

  /** The Time an accepting row names; empty when it names none. */
  public static Optional<Instant> time(CaseTable.Row row) {
    return row.want().startsWith("ok ")
        ? Optional.of(Instant.parse(row.want().substring("ok ".length())))
        : Optional.empty();
  }
}

package dev.modmirror.deploy.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.deploy.dev.VersionReport.RegionState;
import dev.modmirror.deploy.dev.VersionReport.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dev mode's report as scripts read it: the labels in text and JSON stay lower-case words. */
class ReportPrinterTest {
  private static final VersionReport WARMED =
      new VersionReport(
          "example.com/a",
          "v1.0.0",
          Status.WARMED,
          "h1:zip=",
          "h1:mod=",
          Map.of("us", RegionState.OK, "eu", RegionState.MISMATCH),
          "eu: mismatch",
          "0af7651916cd43dd8448eb211c80319c");
  private static final VersionReport NOT_FOUND =
      new VersionReport(
          "example.com/b",
          "v0.1.0",
          Status.NOT_FOUND,
          "",
          "",
          Map.of("eu", RegionState.MISSING),
          "not found: 404",
          "");

  @Test
  void aJsonLineCarriesTheLabels() throws Exception {
    String line =
        print(out -> ReportPrinter.ended(NOT_FOUND, ReportPrinter.Format.JSON_LINES, out));
    assertThat(line)
        .contains("\"status\":\"not-found\"")
        .contains("\"regions\":{\"eu\":\"missing\"}");
  }

  @Test
  void aTextLineNamesTheStatusAndEachRegionInOrder() throws Exception {
    String line = print(out -> ReportPrinter.ended(WARMED, ReportPrinter.Format.TEXT, out));
    assertThat(line)
        .isEqualTo(
            "warmed    example.com/a@v1.0.0 h1:zip= eu=mismatch us=ok"
                + " trace=0af7651916cd43dd8448eb211c80319c  reason: eu: mismatch\n");
  }

  @Test
  void theSummaryCountsAWarmedVersionThatIsNotInEveryRegionApart() throws Exception {
    String summary = print(err -> ReportPrinter.summary(List.of(WARMED, NOT_FOUND), err));
    assertThat(summary)
        .isEqualTo(
            "outcomes: not-found 1, warmed-incomplete 1\n"
                + "0/2 versions warmed and verified in every region\n");
  }

  private interface Printing {
    void to(PrintStream out) throws Exception;
  }

  private static String print(Printing printing) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      printing.to(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}

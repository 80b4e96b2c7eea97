package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.testdata.CaseTable;
import dev.modmirror.core.testdata.InfoRows;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table {@code cases/info-files.txt} (written as {@link InfoRows} says): a .info must name the
 * version asked for. An accepted Time must be the instant the row names, if it names one, and the
 * instant Java's ISO parser reads, where that parser reads it (two-digit hour, a {@code .}
 * fraction, offsets within ±18:00).
 */
class InfoFileCasesTest {
  private static final ModuleRef REF = ModuleRef.of("example.com/m", "v1.2.3");

  static Stream<Arguments> infoFiles() {
    return CaseTable.arguments(InfoFileCasesTest.class, "cases/info-files.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("infoFiles")
  void checksTheVersionItNames(CaseTable.Row row) {
    String json = InfoRows.json(row);
    if (row.args().size() == 2) {
      assertThat(json).hasSize(Integer.parseInt(row.arg(1)));
    }
    byte[] info = goBytes(json);
    if (InfoRows.accepted(row)) {
      InfoFile parsed = InfoFile.check(info, REF);
      InfoRows.time(row)
          .ifPresent(t -> assertThat(parsed.time()).as(row.where() + " Time").contains(t));
      javaTime(json)
          .ifPresent(t -> assertThat(parsed.time()).as(row.where() + " java.time").contains(t));
      return;
    }
    assertThatThrownBy(() -> InfoFile.check(info, REF))
        .as(row.where())
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage(row.want().substring("error ".length()))
        .satisfies(e -> assertThat(((InvalidInputException) e).version()).contains("v1.2.3"));
  }

  private static final Pattern TIME = Pattern.compile("\"Time\":\"([^\"\\\\]*)\"");

  /** The last Time member's instant as java.time reads it, if it can. */
  private static Optional<Instant> javaTime(String json) {
    Matcher m = TIME.matcher(json);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    if (last == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(last.replace(',', '.')).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The bytes Go sees for a table string: UTF-8, with an unpaired surrogate as its 3 bytes. */
  private static byte[] goBytes(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1)))) {
        out.write(0xe0 | c >> 12);
        out.write(0x80 | c >> 6 & 0x3f);
        out.write(0x80 | c & 0x3f);
      } else {
        int cp = s.codePointAt(i);
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp) - 1;
      }
    }
    return out.toByteArray();
  }
}

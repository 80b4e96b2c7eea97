package dev.modmirror.core.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.testdata.CaseTable;
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
 * The table {@code cases/info-files.txt}: a .info must name the version asked for. An accepted Time
 * that Java's ISO parser also reads (two-digit hour, a {@code .} fraction, offsets within ±18:00)
 * must be the same instant.
 */
class InfoFileCasesTest {
  private static final ModuleRef REF = ModuleRef.of("example.com/m", "v1.2.3");

  static Stream<Arguments> infoFiles() {
    return CaseTable.arguments(InfoFileCasesTest.class, "cases/info-files.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("infoFiles")
  void checksTheVersionItNames(CaseTable.Row row) {
    String json = row.arg(0);
    if (row.args().size() > 1) {
      int size = Integer.parseInt(row.arg(1));
      int close = json.lastIndexOf('}');
      json = json.substring(0, close) + " ".repeat(size - json.length()) + "}";
      assertThat(json).hasSize(size);
    }
    byte[] info = goBytes(json);
    if (row.want().equals("ok")) {
      InfoFile parsed = InfoFile.check(info, REF);
      javaTime(json)
          .ifPresent(t -> assertThat(parsed.time()).as(row.where() + " Time").contains(t));
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

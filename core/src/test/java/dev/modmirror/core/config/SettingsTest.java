package dev.modmirror.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.testdata.CaseTable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The table {@code cases/settings.txt}, the properties file, and reporting every problem once. */
class SettingsTest {
  private static final String X = "MODMIRROR_X";

  static Stream<Arguments> settings() {
    return CaseTable.arguments(SettingsTest.class, "cases/settings.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void readsEachTypeAtItsBounds(CaseTable.Row row) {
    String value = row.arg(1);
    Settings s = Settings.fromEnvironment(value.equals("unset") ? Map.of() : Map.of(X, value));
    Object got =
        switch (row.arg(0)) {
          case "integer" -> s.integer(X, num(row, 2), num(row, 3), num(row, 4));
          case "bytes" -> s.bytes(X, num(row, 2), num(row, 3));
          case "duration" -> s.duration(X, Duration.parse(row.arg(2)));
          case "uri" -> s.uri(X, URI.create(row.arg(2)));
          case "path" -> s.path(X, Path.of(row.arg(2)));
          case "list" -> s.list(X, List.of());
          case "string" -> s.string(X, row.arg(2));
          case "required" -> s.required(X);
          default -> throw new IllegalArgumentException(row.where() + ": unknown getter");
        };
    String outcome;
    try {
      s.validate();
      outcome = String.valueOf(got);
    } catch (ConfigException e) {
      assertThat(e.problems()).hasSize(1);
      assertThat(e).hasMessage("invalid configuration:\n  - " + e.problems().get(0));
      outcome = "problem " + e.problems().get(0);
    }
    assertThat(outcome).as(row.where()).isEqualTo(row.want());
  }

  private static int num(CaseTable.Row row, int i) {
    return Integer.parseInt(row.arg(i));
  }

  @Test
  void environmentWinsOverTheFileAndEveryProblemIsListedOnce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("modmirror.properties");
    Files.writeString(file, "MODMIRROR_A=from-file\nMODMIRROR_B=file-only\nMODMIRROR_N=x\n");
    Settings s =
        Settings.fromEnvironment(
            Map.of("MODMIRROR_CONFIG", file.toString(), "MODMIRROR_A", "from-env"));
    assertThat(s.string("MODMIRROR_A", "")).isEqualTo("from-env");
    assertThat(s.string("MODMIRROR_B", "")).isEqualTo("file-only");
    assertThat(s.raw("MODMIRROR_C")).isEmpty();
    s.integer("MODMIRROR_N", 1, 0, 9);
    s.required("MODMIRROR_SECRET");
    s.problem("MODMIRROR_A and MODMIRROR_B disagree");
    assertThatThrownBy(s::validate)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "MODMIRROR_N: 'x' is not an integer",
                        "MODMIRROR_SECRET: required but not set",
                        "MODMIRROR_A and MODMIRROR_B disagree"));
  }

  @Test
  void anUnreadableFileIsAProblemNotACrash(@TempDir Path dir) {
    Path missing = dir.resolve("absent.properties");
    Settings s = Settings.fromEnvironment(Map.of("MODMIRROR_CONFIG", missing.toString()));
    assertThat(s.string("MODMIRROR_A", "d")).isEqualTo("d");
    assertThatThrownBy(s::validate)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith("MODMIRROR_CONFIG: cannot read " + missing + ": "));
    Settings blank = Settings.fromEnvironment(Map.of("MODMIRROR_CONFIG", " "));
    blank.validate();
  }
}

package dev.modmirror.core.gomod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.fuzz.Fuzz;
import dev.modmirror.core.fuzz.Mutator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Hostile-input properties of {@link GoModParser}: no input makes it throw anything but {@link
 * GoModSyntaxException}, and its work (characters read plus tokens) is linear in the input. Inputs
 * come from the seed corpus under {@code corpus/}, mutated by {@link Mutator}; iteration counts are
 * defaults that {@code -Dmodmirror.fuzz.iterations} replaces.
 */
class GoModParserFuzzTest {
  /** Every {@code *.mod} file of the seed corpus, by name: a new seed is just a new file. */
  private static final List<String> CORPUS_FILES = corpusFiles();

  private static final List<String> CORPUS =
      CORPUS_FILES.stream().map(GoModParserFuzzTest::load).toList();

  /** Fragments that matter to the grammar, to splice into the corpus. */
  private static final List<String> FRAGMENTS =
      List.of(
          "(",
          ")",
          "\"",
          "`",
          "//",
          "/*",
          "\n",
          "\r",
          "\t",
          " ",
          "[",
          "]",
          ",",
          "{",
          "}",
          "=>",
          "\\",
          "\\\\",
          "\\\"",
          "\\u00",
          "\\x",
          "\\U0011ffff",
          "\\377",
          "v1.2.3",
          "v2.0.0+incompatible",
          "v0.0.0-",
          "v0.0.0-20200101000000-abcdefabcdef",
          "// indirect",
          "// indirect;",
          "// Deprecated: ",
          "require",
          "require (",
          "retract",
          "retract [",
          "replace",
          "exclude",
          "module",
          "go",
          "go 1.21",
          "toolchain",
          "godebug",
          "tool",
          "ignore",
          "\u0000",
          "\ud800",
          "\udc00",
          "\u00e9",
          "\u2028",
          "\ufeff",
          "..",
          "../",
          "/v1",
          "/v2",
          "gopkg.in/",
          ".v1",
          "CON",
          "~1",
          "=",
          "'",
          "0",
          "9999999999");

  private static final String SOUP_ALPHABET = "\\\"xuU0123456789abcdefv.+-/ ";

  /** Linear bound: each character is read once and yields at most one token, plus end of file. */
  private static long bound(String text) {
    return 2L * text.length() + 2;
  }

  @Test
  void corpusParsesWithinTheWorkBound() {
    for (int i = 0; i < CORPUS.size(); i++) {
      String text = CORPUS.get(i);
      assertThat(GoModParser.parse(CORPUS_FILES.get(i), text).module())
          .as(CORPUS_FILES.get(i))
          .isPresent();
      assertThat(GoModParser.work("go.mod", text))
          .as(CORPUS_FILES.get(i))
          .isLessThanOrEqualTo(bound(text));
    }
  }

  @Test
  void arbitraryTextFailsOnlyWithSyntaxErrors() {
    Fuzz.run("gomod-text", 1500, seed -> assertParsesOrSyntaxError(new Mutator(seed).text(300)));
  }

  @Test
  void arbitraryBytesFailOnlyWithSyntaxErrors() {
    Fuzz.run(
        "gomod-bytes",
        1500,
        seed ->
            assertParsesOrSyntaxError(
                new String(new Mutator(seed).bytes(300), StandardCharsets.UTF_8)));
  }

  @Test
  void mutatedCorpusFailsOnlyWithSyntaxErrors() {
    Fuzz.run("gomod-mutated", 3000, seed -> assertParsesOrSyntaxError(mutatedCorpus(seed)));
  }

  /** Directive words, strings, escapes and punctuation in random order: reaches every state. */
  @Test
  void fragmentSoupFailsOnlyWithSyntaxErrors() {
    Fuzz.run(
        "gomod-soup",
        3000,
        seed -> assertParsesOrSyntaxError(new Mutator(seed).soup(FRAGMENTS, SOUP_ALPHABET, 40)));
  }

  @Test
  void workIsLinearInInputLength() {
    Fuzz.run(
        "gomod-work",
        1000,
        seed -> {
          String text = mutatedCorpus(seed);
          assertThat(GoModParser.work("go.mod", text)).isLessThanOrEqualTo(bound(text));
        });
  }

  @Test
  void pathologicalInputsStayLinear() {
    int n = 50_000;
    List<String> inputs =
        List.of(
            "(".repeat(n),
            "require (\n" + "example.com/a v1.0.0\n".repeat(n) + ")\n",
            "// c\n".repeat(n) + "retract (\n" + "v1.0.0\n".repeat(n) + ")\n",
            "module \"" + "\\\\".repeat(n),
            "require " + "x ".repeat(n) + "\n",
            "retract [" + " ,".repeat(n),
            "/".repeat(n),
            "a".repeat(n) + "/*");
    for (String text : inputs) {
      assertThat(GoModParser.work("go.mod", text))
          .as(text.substring(0, 20))
          .isLessThanOrEqualTo(bound(text));
      assertParsesOrSyntaxError(text);
    }
  }

  private static String mutatedCorpus(long seed) {
    Mutator m = new Mutator(seed);
    return m.mutate(m.pick(CORPUS), FRAGMENTS, CORPUS, 6);
  }

  private static void assertParsesOrSyntaxError(String text) {
    try {
      GoModParser.parse("fuzz.mod", text);
    } catch (GoModSyntaxException e) {
      assertThat(e.line()).isPositive();
      assertThat(e.column()).isPositive();
      assertThat(e.getMessage()).startsWith("fuzz.mod:" + e.line() + ":" + e.column() + ": ");
    }
  }

  private static List<String> corpusFiles() {
    try (Stream<Path> files =
        Files.list(Path.of(GoModParserFuzzTest.class.getResource("corpus").toURI()))) {
      List<String> names =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".mod"))
              .sorted()
              .toList();
      if (names.size() < 6) {
        throw new IllegalStateException("seed corpus incomplete: " + names);
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String load(String name) {
    try (InputStream in = GoModParserFuzzTest.class.getResourceAsStream("corpus/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing corpus file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

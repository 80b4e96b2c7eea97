package dev.modmirror.core.gomod;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Hostile-input properties of {@link GoModParser}: no input makes it throw anything but {@link
 * GoModSyntaxException}, and its work (characters read plus tokens) is linear in the input.
 */
class GoModParserFuzzTest {
  private static final List<String> CORPUS =
      List.of("service.mod", "library.mod", "replaces.mod", "tiny.mod", "crlf.mod", "quoted.mod")
          .stream()
          .map(GoModParserFuzzTest::load)
          .toList();

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
          "\\u00",
          "\\x",
          "\\U0011ffff",
          "v1.2.3",
          "v2.0.0+incompatible",
          "v0.0.0-",
          "// indirect",
          "// indirect;",
          "require",
          "retract",
          "replace",
          "exclude",
          "module",
          "go",
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

  /** Linear bound: each character is read once and yields at most one token, plus end of file. */
  private static long bound(String text) {
    return 2L * text.length() + 2;
  }

  @Example
  void corpusParses() {
    for (String text : CORPUS) {
      assertThat(GoModParser.parse("go.mod", text).module()).isPresent();
      assertThat(GoModParser.work("go.mod", text)).isLessThanOrEqualTo(bound(text));
    }
  }

  @Property(tries = 1500)
  void arbitraryTextFailsOnlyWithSyntaxErrors(@ForAll @StringLength(max = 300) String text) {
    assertParsesOrSyntaxError(text);
  }

  @Property(tries = 1500)
  void arbitraryBytesFailOnlyWithSyntaxErrors(@ForAll @Size(max = 300) byte[] bytes) {
    assertParsesOrSyntaxError(new String(bytes, StandardCharsets.UTF_8));
  }

  @Property(tries = 3000)
  void mutatedCorpusFailsOnlyWithSyntaxErrors(@ForAll("mutatedCorpus") String text) {
    assertParsesOrSyntaxError(text);
  }

  @Property(tries = 3000)
  void fragmentSoupFailsOnlyWithSyntaxErrors(@ForAll("fragmentSoup") String text) {
    assertParsesOrSyntaxError(text);
  }

  @Property(tries = 500)
  void workIsLinearInInputLength(@ForAll("mutatedCorpus") String text) {
    assertThat(GoModParser.work("go.mod", text)).isLessThanOrEqualTo(bound(text));
  }

  @Example
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
      assertThat(GoModParser.work("go.mod", text)).isLessThanOrEqualTo(bound(text));
      assertParsesOrSyntaxError(text);
    }
  }

  @Provide
  Arbitrary<String> mutatedCorpus() {
    Arbitrary<Mutation> mutation =
        Combinators.combine(
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.integers().between(0, 2),
                Arbitraries.of(FRAGMENTS))
            .as(Mutation::new);
    return Combinators.combine(Arbitraries.of(CORPUS), mutation.list().ofMaxSize(6))
        .as(GoModParserFuzzTest::mutate);
  }

  /** Directive words, strings, escapes and punctuation in random order: reaches every state. */
  @Provide
  Arbitrary<String> fragmentSoup() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.of(FRAGMENTS),
            Arbitraries.strings().withChars("\\\"xuU0123456789abcdefv.+-/ ").ofMaxLength(12));
    return piece.list().ofMaxSize(40).map(p -> String.join("", p));
  }

  private record Mutation(int position, int op, String fragment) {}

  private static String mutate(String seed, List<Mutation> mutations) {
    StringBuilder text = new StringBuilder(seed);
    for (Mutation m : mutations) {
      int at = text.length() == 0 ? 0 : m.position() % text.length();
      switch (m.op()) {
        case 0 -> text.insert(at, m.fragment());
        case 1 -> text.delete(at, Math.min(text.length(), at + m.fragment().length()));
        default -> text.replace(at, Math.min(text.length(), at + 1), m.fragment());
      }
    }
    return text.toString();
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

  private static String load(String name) {
    try (InputStream in = GoModParserFuzzTest.class.getResourceAsStream("corpus/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

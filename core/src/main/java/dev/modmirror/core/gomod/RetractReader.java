package dev.modmirror.core.gomod;

import dev.modmirror.core.module.Semver;
import java.util.List;

/**
 * Reads {@code retract v} and {@code retract [lo, hi]} with x/mod parseVersionInterval's rules and
 * messages; the rationale is the directive's comment.
 */
final class RetractReader {
  private final DirectiveReader reader;
  private final SyntaxLine line;
  private int i;

  RetractReader(DirectiveReader reader, SyntaxLine line) {
    this.reader = reader;
    this.line = line;
  }

  Retract read() {
    List<Token> args = line.args();
    if (args.isEmpty()) {
      throw reader.error(line.start(), "expected '[' or version");
    }
    String low;
    String high;
    if (!args.get(0).isText("[")) {
      low = version(args.get(i++));
      high = low;
    } else {
      i++;
      low = version(expect("version after '['"));
      expectText(",", "',' after version");
      high = version(expect("version after ','"));
      expectText("]", "']' after version");
    }
    if (i < args.size()) {
      throw reader.error(
          args.get(i), "unexpected token after version: \"" + args.get(i).text() + "\"");
    }
    return new Retract(low, high, line.directiveComment(), line.start().line());
  }

  private Token expect(String what) {
    if (i >= line.args().size()) {
      throw reader.error(lastToken(), "expected " + what);
    }
    return line.args().get(i++);
  }

  private void expectText(String text, String what) {
    if (i >= line.args().size() || !line.args().get(i).isText(text)) {
      throw reader.error(
          i < line.args().size() ? line.args().get(i) : lastToken(), "expected " + what);
    }
    i++;
  }

  private Token lastToken() {
    return line.args().get(line.args().size() - 1);
  }

  /** Retracted versions are kept as written, but must be valid semantic versions. */
  private String version(Token t) {
    String v = reader.value(t);
    if (!Semver.isValid(v)) {
      throw reader.error(t, "version \"" + v + "\" invalid: must be of the form v1.2.3");
    }
    return Semver.canonical(v).orElseThrow();
  }
}

package dev.modmirror.core.gomod;

import java.util.List;

/**
 * One directive as written: its verb (for a line in a block, the block's verb), its arguments, and
 * the comments that belong to it.
 *
 * @param verb the directive name token
 * @param args the tokens after the verb (or the whole line inside a block)
 * @param start the line's first token, where errors about the whole line point
 * @param before text of the {@code //} comments directly above, without {@code //}
 * @param suffix text of the comment after the line, without {@code //}; null when none
 * @param blockComment the block's own comments joined by newlines, shared by its lines; else ""
 */
record SyntaxLine(
    Token verb,
    List<Token> args,
    Token start,
    List<String> before,
    String suffix,
    String blockComment) {

  /** x/mod parseDirectiveComment: the line's comments, or the block's when the line has none. */
  String directiveComment() {
    if (before.isEmpty() && suffix == null) {
      return blockComment;
    }
    String own = String.join("\n", before);
    return suffix == null ? own : (own.isEmpty() ? suffix : own + "\n" + suffix);
  }

  static String commentText(Token comment) {
    return comment.text().substring(2).strip();
  }
}

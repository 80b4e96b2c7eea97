/**
 * The go.mod file: a lexer, a line/block structure parser and a directive reader that together
 * implement the go command's whole go.mod grammar, strictly and in linear time, returning a {@link
 * dev.modmirror.core.gomod.GoModFile} or a {@link dev.modmirror.core.gomod.GoModSyntaxException}
 * with file, line and column.
 */
package dev.modmirror.core.gomod;

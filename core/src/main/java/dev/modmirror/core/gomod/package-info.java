/**
 * The go.mod and go.work files as the go command reads them: a lexer, a line/block structure parser
 * and a directive reader that implement x/mod's whole grammar strictly (a main module's go.mod,
 * {@link dev.modmirror.core.gomod.GoModParser#parse}), laxly (a dependency's, {@link
 * dev.modmirror.core.gomod.GoModParser#parseLax}) and for workspaces ({@link
 * dev.modmirror.core.gomod.GoWorkParser}), in linear time, failing with a {@link
 * dev.modmirror.core.gomod.GoModSyntaxException} that names file, line and column. On top, the go
 * command's rules for what a build fetches: {@link dev.modmirror.core.gomod.Replacements} and
 * {@link dev.modmirror.core.gomod.MainRequirements} (replace targets instead of replaced versions,
 * nothing for local directories, excluded versions dropped, workspace modules never fetched).
 */
package dev.modmirror.core.gomod;

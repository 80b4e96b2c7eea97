/**
 * go.mod ingestion as the go command reads go.mod files: sources ({@link
 * dev.modmirror.ingest.gomod.GoModSources}: files, directory trees, go.work, standard input, URLs),
 * the module graph over the upstream port ({@link dev.modmirror.ingest.gomod.ModuleGraph}, bounded
 * and cycle-safe) and the use case that turns a unit into requests ({@link
 * dev.modmirror.ingest.gomod.GoModIngestion}). The go.mod semantics themselves live in {@code
 * dev.modmirror.core.gomod}.
 */
package dev.modmirror.ingest.gomod;

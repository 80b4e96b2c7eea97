/**
 * Ingest: learns which module versions will be needed and publishes one request per version. Today
 * the source is go.mod files ({@link dev.modmirror.ingest.IngestGoMod}); every further source
 * publishes the same {@link dev.modmirror.core.event.VersionRequested}.
 */
package dev.modmirror.ingest;

/**
 * Ingest: learns which module versions will be needed and publishes one request per version. Now
 * from go.mod files; the index feed, webhooks and the nightly popularity job publish the same
 * requests.
 */
package dev.modmirror.ingest;

/**
 * Push webhooks from GitHub, GitLab and a generic JSON form: authenticated in constant time,
 * de-duplicated by delivery id, answered at once. A tag push requests that module version; a branch
 * push fetches the repository's go.mod files at the pushed commit (from the configured raw-content
 * host only) in the background and requests their requirements.
 */
package dev.modmirror.ingest.webhook;

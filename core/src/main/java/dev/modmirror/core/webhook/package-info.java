/**
 * Repository push webhooks: checking GitHub's and GitLab's proofs in constant time, reading a tag
 * into the module version it publishes, building raw-content URLs that can only reach the
 * configured host, and the ports for remembering deliveries and fetching a file at a commit.
 */
package dev.modmirror.core.webhook;

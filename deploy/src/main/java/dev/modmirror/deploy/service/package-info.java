/**
 * The production subcommands ({@code modmirror warmer}, {@code replicator}, {@code ingest}): each
 * reads its settings from the environment (and {@code MODMIRROR_CONFIG}), validates all of them at
 * start-up, and runs one service against external Kafka and S3.
 */
package dev.modmirror.deploy.service;

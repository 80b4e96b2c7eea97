/**
 * The production subcommands ({@code modmirror warmer}, {@code replicator}, {@code ingest}): each
 * reads its {@link dev.modmirror.deploy.wiring.Deployment} from the environment (and {@code
 * MODMIRROR_CONFIG}), validated at start-up with every problem at once, and runs its service over
 * the real adapters through the one assembly ({@code deploy.wiring}).
 */
package dev.modmirror.deploy.service;

/**
 * {@code modmirror sandbox}: the servers of a deployment in one long-running process (an embedded
 * KRaft broker, S3Proxy endpoints for the primary and every region, from {@code deploy.dev}) and an
 * env file of the {@code MODMIRROR_*} settings pointing at them, so that the services run as
 * separate processes on one machine exactly as in production. Only the servers are dev-only; the
 * services started beside it are the production commands.
 */
package dev.modmirror.deploy.sandbox;

/**
 * Probes of the dependencies a deployment names (Kafka, each bucket, the checksum database, a TCP
 * endpoint), each bounded by a timeout and translating vendor errors into a {@link
 * dev.modmirror.adapters.probe.Probe}: what {@code modmirror doctor} prints and what the services
 * log at start-up when a dependency does not answer.
 */
package dev.modmirror.adapters.probe;

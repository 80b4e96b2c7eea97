/** A single-node Kafka (KRaft, combined broker and controller) running in this JVM. */
package dev.modmirror.embedded.kafka;

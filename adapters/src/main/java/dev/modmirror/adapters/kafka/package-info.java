/**
 * The {@link dev.modmirror.core.event.EventBus} on Apache Kafka: JSON records keyed by module
 * version, W3C trace context in record headers, a consumer thread per subscription with manual
 * commits, and a dead-letter topic for records that cannot be read or handled.
 */
package dev.modmirror.adapters.kafka;

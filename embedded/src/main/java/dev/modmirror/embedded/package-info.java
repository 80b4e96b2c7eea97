/**
 * Real servers run inside the JVM (a single-node KRaft Kafka broker, S3Proxy endpoints) and a
 * builder of synthetic Go module versions. Used by dev mode and by the test kit; nothing here is on
 * the production path.
 */
package dev.modmirror.embedded;

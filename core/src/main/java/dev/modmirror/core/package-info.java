/**
 * The modmirror domain: the Go module protocol (paths, versions, go.mod, zip rules, h1 hashes, the
 * checksum database), the events that flow between services, and the ports that adapters implement.
 * Nothing here depends on Kafka, S3, Quartz or an HTTP library.
 */
package dev.modmirror.core;

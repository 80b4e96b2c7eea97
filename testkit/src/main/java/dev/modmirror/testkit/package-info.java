/**
 * Test infrastructure used by the other modules at test scope: real Kafka and S3 fixtures, fake Go
 * proxy, index and checksum-database servers, in-memory ports, and the port contract suites. (The
 * Go toolchain as referee is the separate {@code gotool} module.)
 */
package dev.modmirror.testkit;

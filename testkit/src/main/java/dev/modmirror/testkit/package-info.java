/**
 * Test infrastructure used by the other modules at test scope: real Kafka and S3 fixtures, fake Go
 * proxy and index servers, the Go toolchain as referee, and the port contract suites.
 */
package dev.modmirror.testkit;

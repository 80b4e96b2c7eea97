/** The Kafka broker shared by the tests of one JVM. */
package dev.modmirror.testkit.kafka;

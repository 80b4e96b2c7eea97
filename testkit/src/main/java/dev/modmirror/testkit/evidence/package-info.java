/**
 * What an attack test asserts besides the refusal itself: that it was counted (a counter of the
 * OpenTelemetry SDK, read by name and attributes) and logged without secrets (every log line of the
 * test, captured from logback, searched for the refusal and for each secret). Docs/reliability.md's
 * "Attacks" table lists the tests that use these.
 */
package dev.modmirror.testkit.evidence;

/**
 * The warmer: consumes requests, fetches each module version from the upstream GOPROXY, verifies
 * it, stores it in the primary bucket with {@code .info} last, and reports the outcome.
 */
package dev.modmirror.warmer;

/**
 * A fake GOPROXY server on loopback that serves built module versions and injects faults (latency,
 * error statuses, truncated or corrupted bodies) per request, with a log of what it served.
 */
package dev.modmirror.testkit.goproxy;

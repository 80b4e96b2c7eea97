package dev.modmirror.testkit.goproxy;

import java.time.Duration;
import java.util.Objects;

/** What {@link FakeGoProxy} does instead of (or before) serving a matched request normally. */
public sealed interface Fault
    permits Fault.Latency, Fault.Status, Fault.Truncate, Fault.Corrupt, Fault.Body {

  /** Waits, then serves normally. */
  static Fault latency(Duration delay) {
    return new Latency(delay);
  }

  /** Answers with this status (404, 410, 500, 503…) and a short text body. */
  static Fault status(int code) {
    return new Status(code);
  }

  /** Declares the full Content-Length, sends half the body, then closes the connection. */
  static Fault truncate() {
    return new Truncate();
  }

  /**
   * Serves the real body with the byte in the middle flipped (same length, status 200). In a small
   * zip the middle may be metadata that no checksum covers; use {@link #corruptAt} to hit data.
   */
  static Fault corrupt() {
    return new Corrupt(-1);
  }

  /** Serves the real body with the byte at {@code offset} (or the last byte) flipped. */
  static Fault corruptAt(int offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset: " + offset);
    }
    return new Corrupt(offset);
  }

  /** Serves these bytes with status 200 instead of the real body. */
  static Fault body(byte[] content) {
    return new Body(content.clone());
  }

  /** See {@link Fault#latency}. */
  record Latency(Duration delay) implements Fault {
    public Latency {
      Objects.requireNonNull(delay, "delay");
    }
  }

  /** See {@link Fault#status}. */
  record Status(int code) implements Fault {
    public Status {
      if (code < 100 || code > 599) {
        throw new IllegalArgumentException("not an HTTP status: " + code);
      }
    }
  }

  /** See {@link Fault#truncate}. */
  record Truncate() implements Fault {}

  /** See {@link Fault#corrupt}; {@code offset} -1 means the middle. */
  record Corrupt(int offset) implements Fault {}

  /** See {@link Fault#body}. */
  record Body(byte[] content) implements Fault {}
}

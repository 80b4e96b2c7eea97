package dev.modmirror.testkit.goproxy;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/** What {@link FakeGoProxy} does instead of (or before) serving a matched request normally. */
public sealed interface Fault
    permits Fault.Latency,
        Fault.Hold,
        Fault.Status,
        Fault.Truncate,
        Fault.Corrupt,
        Fault.Body,
        Fault.Redirect,
        Fault.Endless,
        Fault.Trickle,
        Fault.Streamed {

  /** Waits, then serves normally. */
  static Fault latency(Duration delay) {
    return new Latency(delay);
  }

  /**
   * Waits until {@code released} opens (at most {@code atMost}, a hang guard), then serves
   * normally: a test orders events by causality instead of by timing.
   */
  static Fault hold(CountDownLatch released, Duration atMost) {
    return new Hold(released, atMost);
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
   * Serves the real body, same length, status 200, with one byte flipped where a reader must
   * notice: in a zip, the first byte of the first entry's data (so inflating, the CRC or h1 fails;
   * a byte of zip metadata could change nothing h1 covers); in any other body, the middle byte.
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

  /** Answers 302 with {@code Location: location} (another host, say) and no body. */
  static Fault redirect(String location) {
    return new Redirect(location);
  }

  /** Status 200 and a body that never ends (bytes as fast as the client reads, no length). */
  static Fault endless() {
    return new Endless();
  }

  /**
   * Status 200 and the real body one byte per {@code perByte}, without a length: never stalled long
   * enough for a read timeout, slow enough to take forever.
   */
  static Fault trickle(Duration perByte) {
    return new Trickle(perByte);
  }

  /** Status 200 and whatever {@code body} writes, without a length (a test's own pacing). */
  static Fault streamed(dev.modmirror.testkit.http.Reply.Streamer body) {
    return new Streamed(body);
  }

  /** See {@link Fault#streamed}. */
  record Streamed(dev.modmirror.testkit.http.Reply.Streamer body) implements Fault {
    public Streamed {
      Objects.requireNonNull(body, "body");
    }
  }

  /** See {@link Fault#redirect}. */
  record Redirect(String location) implements Fault {
    public Redirect {
      Objects.requireNonNull(location, "location");
    }
  }

  /** See {@link Fault#endless}. */
  record Endless() implements Fault {}

  /** See {@link Fault#trickle}. */
  record Trickle(Duration perByte) implements Fault {
    public Trickle {
      Objects.requireNonNull(perByte, "perByte");
    }
  }

  /** See {@link Fault#latency}. */
  record Latency(Duration delay) implements Fault {
    public Latency {
      Objects.requireNonNull(delay, "delay");
    }
  }

  /** See {@link Fault#hold}. */
  record Hold(CountDownLatch released, Duration atMost) implements Fault {
    public Hold {
      Objects.requireNonNull(released, "released");
      Objects.requireNonNull(atMost, "atMost");
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

  /**
   * See {@link Fault#corrupt}; {@code offset} -1 means the first data byte of a zip, or the middle.
   */
  record Corrupt(int offset) implements Fault {}

  /** See {@link Fault#body}. */
  record Body(byte[] content) implements Fault {}
}

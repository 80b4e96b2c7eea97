package dev.modmirror.adapters.probe;

import java.util.Objects;

/**
 * What one probe of a dependency found: {@link Status#OK}, {@link Status#UNREACHABLE} (no answer:
 * connection refused, timeout, unknown host) or {@link Status#FAILED} (it answered, but not as
 * needed: credentials refused, bucket or topic missing, a bad signature), with one line saying what
 * was found and one saying what to do about it. Never carries a secret.
 *
 * @param detail what was found, e.g. {@code 3 brokers, 12 topics}
 * @param hint what to fix, empty when ok
 */
public record Probe(Status status, String detail, String hint) {
  /** How a probe ended. */
  public enum Status {
    OK,
    UNREACHABLE,
    FAILED
  }

  public Probe {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(hint, "hint");
  }

  public static Probe ok(String detail) {
    return new Probe(Status.OK, detail, "");
  }

  public static Probe unreachable(String detail, String hint) {
    return new Probe(Status.UNREACHABLE, detail, hint);
  }

  public static Probe failed(String detail, String hint) {
    return new Probe(Status.FAILED, detail, hint);
  }

  public boolean ok() {
    return status == Status.OK;
  }

  /** One line for a log or an error: the detail, then the hint if any. */
  public String line() {
    return hint.isEmpty() ? detail : detail + " (" + hint + ")";
  }
}

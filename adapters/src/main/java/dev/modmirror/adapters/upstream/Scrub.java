package dev.modmirror.adapters.upstream;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes credentials we sent from an upstream failure's message: an error body quoted in it may
 * echo our request's headers. The failure keeps its kind, module, version and cause.
 */
final class Scrub {
  private static final String MASK = "xxxxx";

  private Scrub() {}

  static ModmirrorException secrets(ModmirrorException e, List<UpstreamAuth.Header> sent) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String clean = message;
    for (String secret : secrets(sent)) {
      clean = clean.replace(secret, MASK);
    }
    if (clean.equals(message)) {
      return e;
    }
    String module = e.module().orElse(null);
    String version = e.version().orElse(null);
    Throwable cause = e.getCause();
    if (e instanceof NotFoundException) {
      return new NotFoundException(clean, module, version, cause);
    }
    if (e instanceof TransientException) {
      return new TransientException(clean, module, version, cause);
    }
    if (e instanceof PermanentException) {
      return new PermanentException(clean, module, version, cause);
    }
    return new InvalidInputException(clean, module, version, cause);
  }

  /** Each header value, and its credential without the scheme word, longest first. */
  private static List<String> secrets(List<UpstreamAuth.Header> sent) {
    List<String> out = new ArrayList<>();
    for (UpstreamAuth.Header h : sent) {
      out.add(h.value());
      int space = h.value().indexOf(' ');
      if (space > 0 && space < h.value().length() - 1) {
        out.add(h.value().substring(space + 1).strip());
      }
    }
    out.removeIf(s -> s.length() < 4);
    out.sort((a, b) -> b.length() - a.length());
    return out;
  }
}

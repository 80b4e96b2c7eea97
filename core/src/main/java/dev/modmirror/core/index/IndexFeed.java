package dev.modmirror.core.index;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import java.time.Instant;
import java.util.List;

/** The index feed: pages of lines in timestamp order, {@code since} inclusive. */
public interface IndexFeed {

  /**
   * Fetches one page. May be repeated; returns the lines without their newlines, blank lines
   * dropped, in feed order.
   *
   * @param limit at most this many lines (the index allows up to 2000)
   * @throws TransientException on timeouts, 5xx, 429, connection failures, a truncated body
   * @throws PermanentException on any other unusable answer (4xx, a body over the size cap)
   */
  List<String> page(Instant since, int limit);

  /** Where the feed is, without credentials, for logs. */
  String describe();
}

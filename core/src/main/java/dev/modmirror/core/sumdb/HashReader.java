package dev.modmirror.core.sumdb;

import java.util.List;

/** Reads stored hashes of a log by their stored hash index ({@link Tlog#storedHashIndex}). */
@FunctionalInterface
public interface HashReader {
  /**
   * Returns the hashes at {@code indexes}, in the same order.
   *
   * @throws SumDbException if the hashes cannot be read or authenticated
   */
  List<TlogHash> readHashes(long[] indexes);
}

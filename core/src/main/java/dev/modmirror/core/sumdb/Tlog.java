package dev.modmirror.core.sumdb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tamper-evident log of golang.org/x/mod/sumdb/tlog: RFC 6962 record and node hashing, the
 * dense stored-hash ordering (Crosby and Wallach, section 3.3), and tree hashes computed from
 * stored hashes. Proofs are in {@link TlogProofs}.
 */
public final class Tlog {
  private Tlog() {}

  /** SHA-256(0x00 || data). */
  public static TlogHash recordHash(byte[] data) {
    MessageDigest sha = sha256();
    sha.update((byte) 0);
    return TlogHash.of(sha.digest(data));
  }

  /** SHA-256 of the UTF-8 record text. */
  public static TlogHash recordHash(String text) {
    return recordHash(text.getBytes(StandardCharsets.UTF_8));
  }

  /** SHA-256(0x01 || left || right). */
  public static TlogHash nodeHash(TlogHash left, TlogHash right) {
    byte[] buf = new byte[1 + 2 * TlogHash.SIZE];
    buf[0] = 1;
    left.writeTo(buf, 1);
    right.writeTo(buf, 1 + TlogHash.SIZE);
    return TlogHash.of(sha256().digest(buf));
  }

  /** The index in dense storage of the hash at tree coordinates (level, n). */
  public static long storedHashIndex(int level, long n) {
    for (int l = level; l > 0; l--) {
      n = 2 * n + 1;
    }
    long i = 0;
    for (; n > 0; n >>= 1) {
      i += n;
    }
    return i + level;
  }

  /** The inverse of {@link #storedHashIndex}: {@code {level, n}}. */
  public static long[] splitStoredHashIndex(long index) {
    long n = index / 2;
    long indexN = storedHashIndex(0, n);
    while (true) {
      long x = indexN + 1 + Long.numberOfTrailingZeros(n + 1);
      if (x > index) {
        break;
      }
      n++;
      indexN = x;
    }
    int level = (int) (index - indexN);
    return new long[] {level, n >> level};
  }

  /** The number of stored hashes of a tree with n records. */
  public static long storedHashCount(long n) {
    if (n == 0) {
      return 0;
    }
    long count = storedHashIndex(0, n - 1) + 1;
    for (long i = n - 1; (i & 1) != 0; i >>= 1) {
      count++;
    }
    return count;
  }

  /**
   * The hashes to append to storage when record n (with the given record hash) is added: the record
   * hash, then one hash per subtree the record completes, read from earlier hashes via {@code r}.
   */
  public static List<TlogHash> storedHashesForRecordHash(long n, TlogHash h, HashReader r) {
    List<TlogHash> hashes = new ArrayList<>();
    hashes.add(h);
    int m = Long.numberOfTrailingZeros(n + 1);
    long[] indexes = new long[m];
    for (int i = 0; i < m; i++) {
      indexes[m - 1 - i] = storedHashIndex(i, (n >> i) - 1);
    }
    List<TlogHash> old = m == 0 ? List.of() : r.readHashes(indexes);
    for (int i = 0; i < m; i++) {
      h = nodeHash(old.get(m - 1 - i), h);
      hashes.add(h);
    }
    return hashes;
  }

  /** The root hash of the tree with n records; the empty tree's hash is all zeros. */
  public static TlogHash treeHash(long n, HashReader r) {
    if (n == 0) {
      return TlogHash.ZERO;
    }
    List<Long> indexes = subTreeIndex(0, n, new ArrayList<>());
    List<TlogHash> hashes = r.readHashes(toArray(indexes));
    return subTreeHash(0, n, hashes, new int[] {0});
  }

  /** k, the largest power of two smaller than n, and log2(k), as {@code {k, l}}. */
  static long[] maxPow2(long n) {
    int l = 0;
    while ((1L << (l + 1)) < n) {
      l++;
    }
    return new long[] {1L << l, l};
  }

  /** Appends the stored indexes needed for the hash of records [lo, hi). */
  static List<Long> subTreeIndex(long lo, long hi, List<Long> need) {
    while (lo < hi) {
      long[] kl = maxPow2(hi - lo + 1);
      need.add(storedHashIndex((int) kl[1], lo >> kl[1]));
      lo += kl[0];
    }
    return need;
  }

  /** The hash of records [lo, hi) from hashes starting at {@code pos[0]}, advancing it. */
  static TlogHash subTreeHash(long lo, long hi, List<TlogHash> hashes, int[] pos) {
    int numTree = 0;
    while (lo < hi) {
      numTree++;
      lo += maxPow2(hi - lo + 1)[0];
    }
    int start = pos[0];
    TlogHash h = hashes.get(start + numTree - 1);
    for (int i = numTree - 2; i >= 0; i--) {
      h = nodeHash(hashes.get(start + i), h);
    }
    pos[0] = start + numTree;
    return h;
  }

  static long[] toArray(List<Long> list) {
    return list.stream().mapToLong(Long::longValue).toArray();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}

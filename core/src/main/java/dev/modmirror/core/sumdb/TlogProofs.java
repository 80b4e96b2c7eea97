package dev.modmirror.core.sumdb;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 record (audit path) and tree (consistency) proofs over a {@link HashReader}, as
 * golang.org/x/mod/sumdb/tlog builds and checks them. Proofs are lists of hashes.
 */
public final class TlogProofs {
  private TlogProofs() {}

  /**
   * The proof that the tree of size t contains record n.
   *
   * @throws IllegalArgumentException unless 0 &lt;= n &lt; t
   */
  public static List<TlogHash> proveRecord(long t, long n, HashReader r) {
    if (t < 0 || n < 0 || n >= t) {
      throw new IllegalArgumentException("invalid inputs in proveRecord: t=" + t + " n=" + n);
    }
    List<Long> indexes = leafProofIndex(0, t, n, new ArrayList<>());
    if (indexes.isEmpty()) {
      return List.of();
    }
    List<TlogHash> hashes = r.readHashes(Tlog.toArray(indexes));
    return leafProof(0, t, n, hashes, new int[] {0});
  }

  /** True if {@code proof} shows that the tree (t, th) has record n with hash h. */
  public static boolean checkRecord(List<TlogHash> proof, long t, TlogHash th, long n, TlogHash h) {
    if (t < 0 || n < 0 || n >= t) {
      return false;
    }
    TlogHash got = runRecordProof(proof, proof.size(), 0, t, n, h);
    return th.equals(got);
  }

  /**
   * The proof that the tree of size t contains the tree of size n as a prefix.
   *
   * @throws IllegalArgumentException unless 1 &lt;= n &lt;= t
   */
  public static List<TlogHash> proveTree(long t, long n, HashReader r) {
    if (t < 1 || n < 1 || n > t) {
      throw new IllegalArgumentException("invalid inputs in proveTree: t=" + t + " n=" + n);
    }
    List<Long> indexes = treeProofIndex(0, t, n, new ArrayList<>());
    if (indexes.isEmpty()) {
      return List.of();
    }
    List<TlogHash> hashes = r.readHashes(Tlog.toArray(indexes));
    return treeProof(0, t, n, hashes, new int[] {0});
  }

  /** True if {@code proof} shows that the tree (t, th) contains the tree (n, h) as a prefix. */
  public static boolean checkTree(List<TlogHash> proof, long t, TlogHash th, long n, TlogHash h) {
    if (t < 1 || n < 1 || n > t) {
      return false;
    }
    TlogHash[] got = runTreeProof(proof, proof.size(), 0, t, n, h);
    return got != null && th.equals(got[1]) && h.equals(got[0]);
  }

  private static List<Long> leafProofIndex(long lo, long hi, long n, List<Long> need) {
    if (lo + 1 == hi) {
      return need;
    }
    long k = Tlog.maxPow2(hi - lo)[0];
    if (n < lo + k) {
      leafProofIndex(lo, lo + k, n, need);
      Tlog.subTreeIndex(lo + k, hi, need);
    } else {
      Tlog.subTreeIndex(lo, lo + k, need);
      leafProofIndex(lo + k, hi, n, need);
    }
    return need;
  }

  private static List<TlogHash> leafProof(
      long lo, long hi, long n, List<TlogHash> hashes, int[] pos) {
    if (lo + 1 == hi) {
      return new ArrayList<>();
    }
    long k = Tlog.maxPow2(hi - lo)[0];
    List<TlogHash> p;
    TlogHash th;
    if (n < lo + k) {
      p = leafProof(lo, lo + k, n, hashes, pos);
      th = Tlog.subTreeHash(lo + k, hi, hashes, pos);
    } else {
      th = Tlog.subTreeHash(lo, lo + k, hashes, pos);
      p = leafProof(lo + k, hi, n, hashes, pos);
    }
    p.add(th);
    return p;
  }

  /** Runs the first {@code len} hashes of the proof; null if it has the wrong shape. */
  private static TlogHash runRecordProof(
      List<TlogHash> p, int len, long lo, long hi, long n, TlogHash leaf) {
    if (lo + 1 == hi) {
      return len == 0 ? leaf : null;
    }
    if (len == 0) {
      return null;
    }
    long k = Tlog.maxPow2(hi - lo)[0];
    TlogHash last = p.get(len - 1);
    if (n < lo + k) {
      TlogHash th = runRecordProof(p, len - 1, lo, lo + k, n, leaf);
      return th == null ? null : Tlog.nodeHash(th, last);
    }
    TlogHash th = runRecordProof(p, len - 1, lo + k, hi, n, leaf);
    return th == null ? null : Tlog.nodeHash(last, th);
  }

  private static List<Long> treeProofIndex(long lo, long hi, long n, List<Long> need) {
    if (n == hi) {
      return lo == 0 ? need : Tlog.subTreeIndex(lo, hi, need);
    }
    long k = Tlog.maxPow2(hi - lo)[0];
    if (n <= lo + k) {
      treeProofIndex(lo, lo + k, n, need);
      Tlog.subTreeIndex(lo + k, hi, need);
    } else {
      Tlog.subTreeIndex(lo, lo + k, need);
      treeProofIndex(lo + k, hi, n, need);
    }
    return need;
  }

  private static List<TlogHash> treeProof(
      long lo, long hi, long n, List<TlogHash> hashes, int[] pos) {
    if (n == hi) {
      List<TlogHash> p = new ArrayList<>();
      if (lo != 0) {
        p.add(Tlog.subTreeHash(lo, hi, hashes, pos));
      }
      return p;
    }
    long k = Tlog.maxPow2(hi - lo)[0];
    List<TlogHash> p;
    TlogHash th;
    if (n <= lo + k) {
      p = treeProof(lo, lo + k, n, hashes, pos);
      th = Tlog.subTreeHash(lo + k, hi, hashes, pos);
    } else {
      th = Tlog.subTreeHash(lo, lo + k, hashes, pos);
      p = treeProof(lo + k, hi, n, hashes, pos);
    }
    p.add(th);
    return p;
  }

  /** {old subtree hash, new subtree hash}, or null if the proof has the wrong shape. */
  private static TlogHash[] runTreeProof(
      List<TlogHash> p, int len, long lo, long hi, long n, TlogHash old) {
    if (n == hi) {
      if (lo == 0) {
        return len == 0 ? new TlogHash[] {old, old} : null;
      }
      return len == 1 ? new TlogHash[] {p.get(0), p.get(0)} : null;
    }
    if (len == 0) {
      return null;
    }
    long k = Tlog.maxPow2(hi - lo)[0];
    TlogHash last = p.get(len - 1);
    if (n <= lo + k) {
      TlogHash[] sub = runTreeProof(p, len - 1, lo, lo + k, n, old);
      return sub == null ? null : new TlogHash[] {sub[0], Tlog.nodeHash(sub[1], last)};
    }
    TlogHash[] sub = runTreeProof(p, len - 1, lo + k, hi, n, old);
    return sub == null
        ? null
        : new TlogHash[] {Tlog.nodeHash(last, sub[0]), Tlog.nodeHash(last, sub[1])};
  }
}

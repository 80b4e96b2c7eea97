package dev.modmirror.core.sumdb;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.module.ModuleRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A checksum database in memory for core's tests: a log of go.sum records for {@code
 * example.com/m<i> v1.0.0}, tree heads signed with a fixed key (RFC 8032 test vector 1, so every
 * signature and message is the same on every run), and tiles. {@link #answers} lets a test make it
 * lie about one answer at a time.
 */
final class TestSumDb {
  static final String NAME = "sum.test";
  static final NoteSigner SIGNER =
      signer(
          NAME,
          "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
          "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

  /** The raw public key of {@link #SIGNER}. */
  static final byte[] SIGNER_PUBLIC =
      HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

  /** A key nobody trusts (RFC 8032 test vector 2) under the same name. */
  static final NoteSigner STRANGER =
      signer(
          NAME,
          "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
          "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");

  private final MemoryLog log = new MemoryLog(8);
  private final List<String> texts = new ArrayList<>();
  private final String flavour;
  private long servedSize = -1;

  /** Rewrites each answer: (path, honest bytes) to the bytes served. */
  interface Answers {
    byte[] answer(String path, byte[] honest);
  }

  Answers answers = (path, honest) -> honest;

  /**
   * @param flavour mixed into every hash, so two databases with different flavours are two
   *     histories of the same modules
   */
  TestSumDb(int records, String flavour) {
    this.flavour = flavour;
    for (int i = 0; i < records; i++) {
      add(record(i, flavour));
    }
  }

  /** A database whose record {@code index} has {@code text} instead of the usual lines. */
  static TestSumDb withRecord(int records, int index, String text) {
    TestSumDb db = new TestSumDb(0, "");
    for (int i = 0; i < records; i++) {
      db.add(i == index ? text : record(i, ""));
    }
    return db;
  }

  void add(String text) {
    log.add(text);
    texts.add(text);
  }

  long size() {
    return log.size();
  }

  /** Serve tree heads of this size (a prefix of the log) instead of the whole log. */
  void serveSize(long n) {
    servedSize = n;
  }

  /** The go.sum record of {@code example.com/m<i> v1.0.0}. */
  static String record(int i, String flavour) {
    ModuleRef ref = ref(i);
    return ref.path().value()
        + " v1.0.0 "
        + h1("zip " + i + flavour)
        + "\n"
        + ref.path().value()
        + " v1.0.0/go.mod "
        + h1("mod " + i + flavour)
        + "\n";
  }

  static ModuleRef ref(int i) {
    return ModuleRef.of("example.com/m" + i, "v1.0.0");
  }

  String text(int i) {
    return texts.get(i);
  }

  String zipHash(int i) {
    return h1("zip " + i + flavour);
  }

  String goModHash(int i) {
    return h1("mod " + i + flavour);
  }

  Tree tree() {
    long n = servedSize < 0 ? log.size() : servedSize;
    return new Tree(n, Tlog.treeHash(n, log));
  }

  byte[] signedTree(NoteSigner... signers) {
    return Notes.sign(tree().format(), signers);
  }

  /** The honest lookup answer for record i: its id, text and the signed tree head. */
  byte[] lookup(int i) {
    return concat(LookupRecord.format(i, text(i)), signedTree(SIGNER));
  }

  static byte[] concat(String head, byte[] tail) {
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[h.length + tail.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(tail, 0, out, h.length, tail.length);
    return out;
  }

  SumDbTransport transport() {
    return path -> answers.answer(path, honest(path));
  }

  private byte[] honest(String path) {
    if (path.startsWith("/lookup/")) {
      String mv = path.substring("/lookup/".length());
      for (int i = 0; i < texts.size(); i++) {
        if (mv.equals(ref(i).path().escaped() + "@v1.0.0")) {
          return lookup(i);
        }
      }
      throw new NotFoundException("not found: " + path, (String) null, null);
    }
    if (path.startsWith("/tile/")) {
      return Tile.parse(path.substring(1)).readData(log);
    }
    throw new NotFoundException("no such path: " + path, (String) null, null);
  }

  SumDbClient client(SumDbStateStore state) {
    return new SumDbClient(verifier(), transport(), state);
  }

  static NoteVerifier verifier() {
    return NoteVerifier.parse(SIGNER.verifierKey());
  }

  /** Replaces the answer of one path; all others stay honest. */
  void lieAbout(String pathPrefix, UnaryOperator<byte[]> lie) {
    answers = (path, honest) -> path.startsWith(pathPrefix) ? lie.apply(honest) : honest;
  }

  static String h1(String content) {
    try {
      return "h1:"
          + Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-256")
                      .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static NoteSigner signer(String name, String seedHex, String publicHex) {
    return NoteSigner.of(
        name, HexFormat.of().parseHex(seedHex), HexFormat.of().parseHex(publicHex));
  }
}

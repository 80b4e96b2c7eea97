package dev.modmirror.testkit.sumdb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.sumdb.LookupRecord;
import dev.modmirror.core.sumdb.NoteSigner;
import dev.modmirror.core.sumdb.Notes;
import dev.modmirror.core.sumdb.SumDbException;
import dev.modmirror.core.sumdb.Tile;
import dev.modmirror.core.sumdb.Tree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A checksum database on a loopback port, serving {@code /lookup/M@V}, {@code /latest}, {@code
 * /tile/8/L/N[.p/W]} and {@code /tile/8/data/N[.p/W]} over a real log, at its root and under {@code
 * /sumdb/<name>/} (as a proxy would, with {@code supported}). Signs with a fresh Ed25519 key;
 * {@link #verifierKey()} is what a client trusts. Thread-safe.
 */
public final class FakeSumDb implements AutoCloseable {
  /** Ways to lie. */
  public enum Lie {
    /** Tree heads carry a corrupted signature by the right key. */
    BAD_SIGNATURE,
    /** Tree heads are signed by another key of the same name. */
    UNKNOWN_KEY,
    /** Lookups claim the record sits at a different index (whose proof then fails). */
    WRONG_INDEX,
    /** Hash tiles are served with a flipped byte. */
    CORRUPT_TILES
  }

  private static final int HEIGHT = 8;

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK: ~40 ms per request. Read once per JVM, by the first HttpServer created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final String name;
  private final NoteSigner signer;
  private final NoteSigner impostor;
  private final Set<Lie> lies = EnumSet.noneOf(Lie.class);
  private final List<String> requests = new ArrayList<>();
  private SumLog log = new SumLog();
  private Tree signedFor;
  private byte[] signed;

  private FakeSumDb(String name) throws IOException {
    this.name = name;
    this.signer = NoteSigner.generate(name);
    this.impostor = NoteSigner.generate(name);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    // The go command fetches tiles in parallel; answers are computed under the lock anyway.
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a database named {@code fakesum.test}. */
  public static FakeSumDb start() {
    return start("fakesum.test");
  }

  /** Starts a database with the given name (a host name, as GOSUMDB requires). */
  public static FakeSumDb start(String name) {
    try {
      return new FakeSumDb(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The verifier key {@code name+hash+key} to trust this database with. */
  public String verifierKey() {
    return signer.verifierKey();
  }

  public String name() {
    return name;
  }

  /** The database's own base URL, {@code http://127.0.0.1:port}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** A GOPROXY base URL under which this database answers at {@code /sumdb/<name>/}. */
  public URI proxyUrl() {
    return url();
  }

  /** GOSUMDB value that points the go command at this database. */
  public String gosumdb() {
    return verifierKey() + " " + url();
  }

  /** Adds the honest record of a module version. */
  public synchronized long add(ModuleRef ref, String zipH1, String goModH1) {
    return log.add(ref.key(), recordText(ref, zipH1, goModH1));
  }

  /** Adds a record that holds a wrong zip hash for the module version. */
  public synchronized long addWithWrongHash(ModuleRef ref, String zipH1, String goModH1) {
    String wrong = "h1:" + "A".repeat(43) + "=";
    return log.add(ref.key(), recordText(ref, zipH1.equals(wrong) ? goModH1 : wrong, goModH1));
  }

  /**
   * From now on serves a second history in which record {@code index} is a different record, signed
   * with the same key. Later {@link #add} calls extend the forked history.
   */
  public synchronized void forkAt(long index) {
    ModuleRef decoy = ModuleRef.of("fork.example/decoy", "v1.0." + index);
    String hash = "h1:" + "B".repeat(43) + "=";
    log = log.forkAt(index, decoy.key(), recordText(decoy, hash, hash));
  }

  /** Starts telling a lie until {@link #beHonest()}. */
  public synchronized void lie(Lie lie) {
    lies.add(lie);
  }

  public synchronized void beHonest() {
    lies.clear();
  }

  /** The current tree head. */
  public synchronized Tree tree() {
    return log.tree();
  }

  /** Every request path received, in order. */
  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  static String recordText(ModuleRef ref, String zipH1, String goModH1) {
    String prefix = ref.path().value() + " " + ref.version().value();
    return prefix + " " + zipH1 + "\n" + prefix + "/go.mod " + goModH1 + "\n";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      byte[] body;
      synchronized (this) {
        requests.add(path);
        body = answer(path);
      }
      int status = body == null ? 404 : 200;
      byte[] out = body == null ? "not found\n".getBytes(StandardCharsets.UTF_8) : body;
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
      exchange.sendResponseHeaders(status, out.length);
      exchange.getResponseBody().write(out);
    }
  }

  /** The body for a path, or null for 404. */
  private byte[] answer(String path) {
    String proxyPrefix = "/sumdb/" + name;
    if (path.startsWith(proxyPrefix + "/")) {
      path = path.substring(proxyPrefix.length());
      if (path.equals("/supported")) {
        return new byte[0];
      }
    }
    if (path.equals("/latest")) {
      return signedTree();
    }
    if (path.startsWith("/lookup/")) {
      return lookup(path.substring("/lookup/".length()));
    }
    if (path.startsWith("/tile/")) {
      return tile(path.substring(1));
    }
    return null;
  }

  private byte[] lookup(String escaped) {
    int at = escaped.lastIndexOf('@');
    if (at < 0) {
      return null;
    }
    String key;
    try {
      key =
          ModulePaths.unescapePath(escaped.substring(0, at))
              + "@"
              + ModulePaths.unescapeVersion(escaped.substring(at + 1));
    } catch (RuntimeException e) {
      return null;
    }
    Long id = log.id(key);
    if (id == null) {
      return null;
    }
    long claimed = lies.contains(Lie.WRONG_INDEX) ? (id + 1) % log.size() : id;
    byte[] record = LookupRecord.format(claimed, log.record(id)).getBytes(StandardCharsets.UTF_8);
    byte[] note = signedTree();
    byte[] out = new byte[record.length + note.length];
    System.arraycopy(record, 0, out, 0, record.length);
    System.arraycopy(note, 0, out, record.length, note.length);
    return out;
  }

  private byte[] tile(String path) {
    Tile t;
    try {
      t = Tile.parse(path);
    } catch (SumDbException e) {
      return null;
    }
    if (t.h() != HEIGHT) {
      return null;
    }
    long start = t.n() << HEIGHT;
    if (t.l() == -1) {
      if (start + t.w() > log.size()) {
        return null;
      }
      StringBuilder data = new StringBuilder();
      for (long id = start; id < start + t.w(); id++) {
        data.append(LookupRecord.format(id, log.record(id)));
      }
      return data.toString().getBytes(StandardCharsets.UTF_8);
    }
    if (t.l() * HEIGHT >= 63 || start + t.w() > (log.size() >> (t.l() * HEIGHT))) {
      return null;
    }
    byte[] data = t.readData(log);
    if (lies.contains(Lie.CORRUPT_TILES)) {
      data[data.length - 1] ^= 1;
    }
    return data;
  }

  private byte[] signedTree() {
    Tree tree = log.tree();
    if (lies.isEmpty() && tree.equals(signedFor)) {
      return signed.clone();
    }
    byte[] note = sign(tree.format());
    if (lies.isEmpty()) {
      signedFor = tree;
      signed = note.clone();
    }
    return note;
  }

  private byte[] sign(String text) {
    if (lies.contains(Lie.UNKNOWN_KEY)) {
      return Notes.sign(text, impostor);
    }
    byte[] note = Notes.sign(text, signer);
    if (lies.contains(Lie.BAD_SIGNATURE)) {
      String s = new String(note, StandardCharsets.UTF_8);
      int space = s.lastIndexOf(' ');
      byte[] sig = java.util.Base64.getDecoder().decode(s.substring(space + 1).trim());
      sig[sig.length - 1] ^= 1;
      return (s.substring(0, space + 1) + java.util.Base64.getEncoder().encodeToString(sig) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    }
    return note;
  }
}

package dev.modmirror.deploy.chaos;

import dev.modmirror.core.module.ModuleRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The GOPROXY the warmers fetch from: the catalog's files on a loopback port, one request per
 * connection, with a seeded share of answers broken ({@link UpstreamFault}). Raw sockets rather
 * than an HTTP server library, because a reset and a body cut short must really reach the client.
 * Canary versions are never broken. Remembers which versions it served corrupted, the only ones
 * allowed to fail.
 */
final class ChaosUpstream implements AutoCloseable {
  private final ChaosCatalog catalog;
  private final ServerSocket server;
  private final Random random;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "chaos-upstream");
            t.setDaemon(true);
            return t;
          });
  private final Map<UpstreamFault, AtomicLong> injected = new EnumMap<>(UpstreamFault.class);
  private final Set<ModuleRef> corrupted = ConcurrentHashMap.newKeySet();
  private final AtomicLong requests = new AtomicLong();
  private volatile double faultRate;

  private ChaosUpstream(ChaosCatalog catalog, long seed, double faultRate) throws IOException {
    this.catalog = catalog;
    this.random = new Random(seed);
    this.faultRate = faultRate;
    for (UpstreamFault f : UpstreamFault.values()) {
      injected.put(f, new AtomicLong());
    }
    server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** Serves {@code catalog}, breaking a {@code faultRate} share of version files. */
  static ChaosUpstream start(ChaosCatalog catalog, long seed, double faultRate) {
    try {
      return new ChaosUpstream(catalog, seed, faultRate);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the chaos upstream's port", e);
    }
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** From now on, this share of version files is broken (0 to stop breaking any). */
  void faultRate(double rate) {
    this.faultRate = rate;
  }

  /** How many answers were broken, by fault. */
  Map<UpstreamFault, Long> injected() {
    Map<UpstreamFault, Long> counts = new EnumMap<>(UpstreamFault.class);
    injected.forEach((f, n) -> counts.put(f, n.get()));
    return counts;
  }

  /** Versions whose zip was served corrupted at least once. */
  Set<ModuleRef> corrupted() {
    return Set.copyOf(corrupted);
  }

  long requests() {
    return requests.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.execute(() -> answer(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void answer(Socket client) {
    try (client) {
      client.setSoTimeout(30_000);
      String path = requestPath(client.getInputStream());
      requests.incrementAndGet();
      String key =
          URLDecoder.decode(
              path.startsWith("/") ? path.substring(1) : path, StandardCharsets.UTF_8);
      Optional<byte[]> body = catalog.file(key);
      OutputStream out = client.getOutputStream();
      if (body.isEmpty()) {
        write(out, 404, "not found\n".getBytes(StandardCharsets.UTF_8), -1);
        return;
      }
      UpstreamFault fault = fault(key);
      if (fault == null) {
        write(out, 200, body.get(), -1);
        return;
      }
      injected.get(fault).incrementAndGet();
      switch (fault) {
        case SERVER_ERROR ->
            write(
                out,
                new int[] {500, 502, 503}[pick(3)],
                "broken\n".getBytes(StandardCharsets.UTF_8),
                -1);
        case RESET -> {
          client.setSoLinger(true, 0); // close() now sends RST
          return;
        }
        case TRUNCATED -> write(out, 200, body.get(), body.get().length / 2);
        case CORRUPTED -> {
          corrupted.add(refOf(key));
          write(out, 200, flipFirstEntryByte(body.get()), -1);
        }
        case STALL -> {
          Thread.sleep(2_000);
          write(out, 200, body.get(), -1);
        }
      }
    } catch (IOException e) {
      // the client went away: nothing to do
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The fault for this answer, or null; only version files of the load are ever broken. */
  private UpstreamFault fault(String key) {
    boolean versionFile = key.endsWith(".zip") || key.endsWith(".mod") || key.endsWith(".info");
    if (!versionFile || faultRate <= 0 || catalog.canary(refOf(key))) {
      return null;
    }
    synchronized (random) {
      if (random.nextDouble() >= faultRate) {
        return null;
      }
      UpstreamFault[] kinds = UpstreamFault.values();
      UpstreamFault f = kinds[random.nextInt(kinds.length)];
      // Only a zip has entries whose bytes a CRC protects; a corrupted .mod or .info would be
      // undetectable without a checksum database, which the chaos run does not fake.
      return f == UpstreamFault.CORRUPTED && !key.endsWith(".zip") ? UpstreamFault.TRUNCATED : f;
    }
  }

  private int pick(int bound) {
    synchronized (random) {
      return random.nextInt(bound);
    }
  }

  private static ModuleRef refOf(String key) {
    int at = key.indexOf("/@v/");
    String file = key.substring(at + 4);
    return ModuleRef.of(key.substring(0, at), file.substring(0, file.lastIndexOf('.')));
  }

  private static String requestPath(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4 && head.size() < 16 * 1024) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = "\r\n\r\n".charAt(matched) == b ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String requestLine = head.toString(StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
    String[] parts = requestLine.split(" ");
    String target = parts.length > 1 ? parts[1] : "/";
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  /** Writes a whole answer, or only {@code cutAt} bytes of its body when that is not -1. */
  private static void write(OutputStream out, int status, byte[] body, int cutAt)
      throws IOException {
    String head =
        "HTTP/1.1 "
            + status
            + (status == 200 ? " OK" : " Error")
            + "\r\nContent-Type: application/octet-stream\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body, 0, cutAt < 0 ? body.length : cutAt);
    out.flush();
  }

  /** Flips every bit of the first data byte of the zip's first entry (see testkit's Fault). */
  static byte[] flipFirstEntryByte(byte[] zip) {
    byte[] copy = Arrays.copyOf(zip, zip.length);
    int at = copy.length / 2;
    if (copy.length >= 30 && u16(copy, 0) == 0x4b50 && u16(copy, 2) == 0x0403) {
      int data = 30 + u16(copy, 26) + u16(copy, 28);
      if (u16(copy, 18) + ((long) u16(copy, 20) << 16) > 0 && data < copy.length) {
        at = data;
      }
    }
    copy[at] ^= (byte) 0xff;
    return copy;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    threads.shutdownNow();
  }
}

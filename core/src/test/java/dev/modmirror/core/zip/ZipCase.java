package dev.modmirror.core.zip;

import dev.modmirror.core.module.ModuleLimits;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.testdata.Txtar;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One module zip case of {@code cases/*.txt}, as x/mod's {@code zip/testdata/check_zip}: each
 * archive is one zip, written entry by entry, and the rule that refuses it ({@code want=<rule>}) or
 * {@code want=ok}. Run by {@link ZipCasesTest} (our verdict) and {@link ZipCasesGoIT} (Go's).
 *
 * <p>Parameters: {@code module=} and {@code version=} (default {@code example.com/m v1.0.0}),
 * {@code limits=ZIP UNCOMPRESSED GOMOD LICENSE} (default the go command's; {@code zipsize} is the
 * file's own length, {@code zipsize-1} one byte less), {@code order=reverse} (central directory in
 * reverse), {@code comment=N} (an archive comment of N bytes), {@code zip64-end=OFFSET} (a zip64
 * end record and locator; -1: the locator points at the record; {@code end-N}: N bytes before the
 * end of the file), {@code zip64-count=real+N} (the zip64 end record's entry counts), {@code
 * eocd=RECORDS SIZE OFFSET} (what the end record's fields hold: a number, {@code real}, or {@code
 * real+N} / {@code real-N}; by default the real values, or all sentinels next to a zip64 end
 * record), {@code shadow-zip64=RECORDS SIZE OFFSET} (a second zip64 end record, which java.util.zip
 * follows and Go does not: {@link TestZip#shadowZip64End}), {@code message=} (the exact message). A
 * file name starting with {@code @/} is under {@code module@version/}; words after the name set the
 * entry: {@code stored}, {@code dir}, {@code mode=0120777} (octal), {@code attrs=HEX} (the external
 * attributes as they are), {@code madeby=N} (the host byte), {@code method=N}, {@code raw=HEX} (the
 * data as written), {@code size=N} and {@code crc=N} (declared in both headers), {@code csize=N},
 * {@code localsize=N}, {@code localcrc=N}, {@code localname=X} (local header only), {@code
 * cenextra=HEX} (first in the central extra field), {@code cenpad=N} (an unknown central extra
 * field N bytes long in all), {@code descriptor}, {@code descriptor-unsigned}, {@code
 * descriptorcrc=N} (a data descriptor), {@code zip64}, {@code zip64-unused}, {@code timestamp},
 * {@code repeat=N} (content of N bytes), {@code random=N} (N pseudo-random bytes, incompressible).
 *
 * @param name the case file, for messages
 * @param ref the module version the zip is verified as
 * @param bytes the zip
 * @param limits the limits it is verified under
 * @param scaledLimits true when the case sets its own limits (Go's are x/mod's constants)
 * @param files how many files (not directories) the zip holds
 * @param want {@code ok} or the id of the rule that refuses it
 * @param message the exact message, when the case names one
 */
record ZipCase(
    String name,
    ModuleRef ref,
    byte[] bytes,
    ModuleLimits limits,
    boolean scaledLimits,
    int files,
    String want,
    Optional<String> message) {

  /** Every case, sorted by file name. */
  static List<ZipCase> all() {
    return Txtar.list(ZipCase.class, "cases", ".txt").stream()
        .map(name -> of(Txtar.read(ZipCase.class, name)))
        .toList();
  }

  static ZipCase of(Txtar c) {
    ModuleRef ref =
        ModuleRef.of(
            c.param("module").orElse("example.com/m"), c.param("version").orElse("v1.0.0"));
    String prefix = ref.key() + "/";
    TestZip zip = TestZip.create();
    int files = 0;
    for (Txtar.File f : c.files()) {
      files += entry(zip, f.name(), f.data(), prefix) ? 0 : 1;
    }
    if (c.param("order").orElse("").equals("reverse")) {
      zip.reverseCentral();
    }
    c.param("comment").ifPresent(n -> zip.comment(repeat(new byte[0], Integer.parseInt(n))));
    c.param("zip64-end")
        .ifPresent(
            at -> {
              if (at.startsWith("end-")) {
                zip.zip64EndFromEnd(Long.parseLong(at.substring(4)));
              } else {
                zip.zip64End(Long.parseLong(at));
              }
            });
    c.param("zip64-count")
        .ifPresent(n -> zip.zip64CountDelta(Long.parseLong(n.substring("real".length()))));
    c.param("eocd")
        .ifPresent(
            spec -> {
              Long[] v = new Long[3];
              long[] delta = new long[3];
              fields(spec, v, delta);
              zip.eocd(v, delta);
            });
    c.param("shadow-zip64")
        .ifPresent(
            spec -> {
              Long[] v = new Long[3];
              long[] delta = new long[3];
              fields(spec, v, delta);
              zip.shadowZip64End(v, delta);
            });
    byte[] bytes = zip.bytes();
    Optional<String> limits = c.param("limits");
    String want =
        c.param("want").orElseThrow(() -> new IllegalStateException(c.name() + ": no want"));
    return new ZipCase(
        c.name(),
        ref,
        bytes,
        limits(limits.orElse(""), bytes.length),
        limits.isPresent(),
        files,
        want,
        c.param("message"));
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * Reads three fields, each {@code real} or {@code real+N} / {@code real-N} (null in {@code
   * values}, N in {@code delta}) or a number (decimal, or hex after {@code 0x}, unsigned 64-bit).
   */
  private static void fields(String spec, Long[] values, long[] delta) {
    String[] f = spec.split(" ");
    for (int i = 0; i < 3; i++) {
      if (f[i].startsWith("real")) {
        delta[i] = f[i].length() > 4 ? Long.parseLong(f[i].substring(4)) : 0;
      } else if (f[i].startsWith("0x")) {
        values[i] = Long.parseUnsignedLong(f[i].substring(2), 16);
      } else {
        values[i] = Long.parseLong(f[i]);
      }
    }
  }

  /** Adds the entry; returns whether it is a directory. */
  private static boolean entry(TestZip zip, String marker, String data, String prefix) {
    String[] words = marker.split(" ");
    String name = words[0].startsWith("@/") ? prefix + words[0].substring(2) : words[0];
    byte[] content = data.getBytes(StandardCharsets.UTF_8);
    TestZip.Entry e = null;
    for (int i = 1; i < words.length; i++) {
      if (words[i].startsWith("repeat=")) {
        content = repeat(content, Integer.parseInt(words[i].substring("repeat=".length())));
      }
      if (words[i].startsWith("random=")) {
        content = new byte[Integer.parseInt(words[i].substring("random=".length()))];
        new java.util.Random(content.length).nextBytes(content);
      }
    }
    boolean isDir = false;
    for (int i = 1; i < words.length; i++) {
      isDir |= words[i].equals("dir");
    }
    e = isDir ? zip.dir(name) : zip.add(name, content);
    boolean descriptor = false;
    boolean signed = true;
    Long descriptorCrc = null;
    for (int i = 1; i < words.length; i++) {
      String w = words[i];
      int eq = w.indexOf('=');
      String key = eq < 0 ? w : w.substring(0, eq);
      String value = eq < 0 ? "" : w.substring(eq + 1);
      switch (key) {
        case "stored" -> e.stored();
        case "dir", "repeat", "random" -> {}
        case "mode" -> e.unixMode(Integer.parseInt(value, 8));
        case "madeby" -> e.madeBy(Integer.parseInt(value));
        case "attrs" -> e.attributes(Long.parseLong(value, 16));
        case "method" -> e.method(Integer.parseInt(value));
        case "raw" -> e.raw(java.util.HexFormat.of().parseHex(value));
        case "cenextra" -> e.cenExtra(java.util.HexFormat.of().parseHex(value));
        case "cenpad" -> e.cenExtra(pad(Integer.parseInt(value)));
        case "descriptor" -> descriptor = true;
        case "descriptor-unsigned" -> {
          descriptor = true;
          signed = false;
        }
        case "descriptorcrc" -> {
          descriptor = true;
          descriptorCrc = Long.parseLong(value);
        }
        case "size" -> e.declaredSize(Long.parseLong(value));
        case "crc" -> e.declaredCrc(Long.parseLong(value));
        case "csize" -> e.compressedSize(Long.parseLong(value));
        case "localsize" -> e.localSize(Long.parseLong(value));
        case "localcrc" -> e.localCrc(Long.parseLong(value));
        case "localname" -> e.localName(value);
        case "zip64" -> e.zip64();
        case "zip64-unused" -> e.zip64Unused();
        case "timestamp" -> e.timestamp();
        default -> throw new IllegalArgumentException("unknown entry word " + w);
      }
    }
    if (descriptor) {
      e.descriptor(signed, descriptorCrc);
    }
    return isDir;
  }

  /** An extra field of an id no reader knows (0xcafe), {@code n} bytes with its header. */
  private static byte[] pad(int n) {
    byte[] b = new byte[n];
    b[0] = (byte) 0xfe;
    b[1] = (byte) 0xca;
    b[2] = (byte) (n - 4);
    b[3] = (byte) ((n - 4) >>> 8);
    return b;
  }

  private static byte[] repeat(byte[] content, int n) {
    byte[] unit = content.length == 0 ? "x".getBytes(StandardCharsets.UTF_8) : content;
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = unit[i % unit.length];
    }
    return out;
  }

  private static ModuleLimits limits(String spec, long zipSize) {
    if (spec.isEmpty()) {
      return ModuleLimits.DEFAULT;
    }
    String[] f = spec.split(" ");
    long zip =
        switch (f[0]) {
          case "zipsize" -> zipSize;
          case "zipsize-1" -> zipSize - 1;
          default -> Long.parseLong(f[0]);
        };
    return new ModuleLimits(
        zip,
        Long.parseLong(f[1]),
        Long.parseLong(f[2]),
        Long.parseLong(f[3]),
        ModuleLimits.MAX_INFO);
  }
}

package dev.modmirror.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A structure-aware generator of cases: mostly well-formed inputs with a few lies each, so that
 * both sides get past the first check and disagree, if they do, on something deep.
 */
final class Generator {
  private static final String[][] REFS = {
    {"example.com/m", "v1.0.0"},
    {"example.com/m", "v1.2.3-pre.1"},
    {"example.com/m/v2", "v2.1.0"},
    {"example.com/m", "v2.0.0+incompatible"},
    {"example.com/m/v2", "v2.0.0+incompatible"},
    {"example.com/m", "v1.0.0+incompatible"},
    {"gopkg.in/yaml.v3", "v3.0.1"},
    {"example.com/m", "v0.0.0-20190101000000-abcdefabcdef"},
    {"golang.org/x/Text", "v0.3.0"},
  };
  private static final String[] FILES = {
    "go.mod",
    "LICENSE",
    "a.go",
    "sub/b.go",
    "sub/c/d.txt",
    "README.md",
    "x_test.go",
    "Sub/B.go",
    "sub/B.go",
    "vendor/modules.txt",
    "é.go",
    "日本/語.go",
    "a b.go",
    "-x.go",
    "a~b.go",
  };
  private static final String[] BAD_FILES = {
    "../x.go",
    "a//b.go",
    "./a.go",
    "a/./b",
    "/abs.go",
    "a\\b.go",
    "c:x.go",
    "x:y",
    "sub/go.mod",
    "Go.mod",
    "GO.MOD",
    "a\nb",
    "con.go",
    "aux/x.go",
    "NUL",
    "x.go.",
    ".git/x",
    "a/.b",
    "\u0000x",
    "a\u007f",
    "a\u00a0b",
    "a\u202eb",
    "\ud83d\ude00.go",
    "x\ufeff",
  };
  private static final int[] FOLDERS = foldable();

  private final Random r;

  Generator(Random r) {
    this.r = r;
  }

  Case next() {
    int k = r.nextInt(100);
    if (k < 45) {
      return zip();
    }
    if (k < 65) {
      return info();
    }
    if (k < 74) {
      return mod();
    }
    if (k < 80) {
      return tree();
    }
    if (k < 86) {
      return sumdbLine();
    }
    if (k < 91) {
      return Case.of(r.nextBoolean() ? "checkpath" : "escape", modulePath());
    }
    if (k < 96) {
      return Case.of("nosumdb", globs(), modulePath());
    }
    return Case.of("fold", foldString());
  }

  // ---- zips

  Case zip() {
    String[] ref = REFS[r.nextInt(REFS.length)];
    String prefix = ref[0] + "@" + ref[1] + "/";
    ZipForge z = new ZipForge();
    int n = r.nextInt(100) < 5 ? 0 : 1 + r.nextInt(5);
    if (r.nextInt(8) == 0) {
      z.entries.add(new ZipForge.Entry(prefix, r.nextInt(4) == 0 ? bytes(3) : new byte[0]));
    }
    for (int i = 0; i < n; i++) {
      z.entries.add(entry(prefix));
    }
    if (r.nextInt(10) == 0 && !z.entries.isEmpty()) {
      foldPair(z, prefix);
    }
    int lies = r.nextInt(100) < 30 ? 0 : 1 + r.nextInt(r.nextInt(100) < 80 ? 2 : 4);
    for (int i = 0; i < lies; i++) {
      lie(z, prefix);
    }
    return Case.zip(ref[0], ref[1], z);
  }

  private ZipForge.Entry entry(String prefix) {
    String name;
    int k = r.nextInt(100);
    if (k < 80) {
      name = FILES[r.nextInt(FILES.length)];
    } else if (k < 84) {
      name = "u" + new String(Character.toChars(FOLDERS[r.nextInt(FOLDERS.length)])) + ".go";
    } else if (k < 88) {
      int cp = r.nextBoolean() ? 0x80 + r.nextInt(0x3000) : r.nextInt(0x3ffff);
      name =
          "r"
              + (Character.isSurrogate((char) cp) && cp < 0x10000
                  ? "x"
                  : new String(Character.toChars(cp)))
              + ".go";
    } else if (k < 92) {
      name = BAD_FILES[r.nextInt(BAD_FILES.length)];
    } else {
      name = "d" + r.nextInt(3) + "/";
    }
    ZipForge.Entry e =
        new ZipForge.Entry(prefix + name, name.endsWith("/") ? new byte[0] : content());
    e.method = r.nextInt(4) == 0 ? 0 : 8;
    e.level = r.nextInt(10);
    return e;
  }

  private void foldPair(ZipForge z, String prefix) {
    int cp = FOLDERS[r.nextInt(FOLDERS.length)];
    String a = "f" + new String(Character.toChars(cp)) + ".go";
    String b =
        "f" + new String(Character.toChars(dev.modmirror.core.module.GoFold.smallest(cp))) + ".go";
    z.entries.add(new ZipForge.Entry(prefix + a, content()));
    z.entries.add(new ZipForge.Entry(prefix + (r.nextBoolean() ? b : b.toUpperCase()), content()));
  }

  private byte[] content() {
    int k = r.nextInt(10);
    if (k < 2) {
      return new byte[0];
    }
    if (k < 7) {
      return ("package x // " + r.nextInt(1000) + "\n")
          .repeat(1 + r.nextInt(40))
          .getBytes(StandardCharsets.UTF_8);
    }
    return bytes(r.nextInt(300));
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private void lie(ZipForge z, String prefix) {
    if (r.nextInt(12) == 0) {
      zip64Lie(z);
      return;
    }
    ZipForge.Entry e = z.entries.isEmpty() ? null : z.entries.get(r.nextInt(z.entries.size()));
    int k = r.nextInt(e == null ? 12 : 40);
    switch (k) {
      case 0 -> z.prefix = bytes(1 + r.nextInt(40));
      case 1 -> z.gap = bytes(1 + r.nextInt(20));
      case 2 -> z.eocdCount = z.entries.size() + (r.nextBoolean() ? 1 : -1) & 0xffff;
      case 3 -> z.eocdSize = (long) r.nextInt(200);
      case 4 -> z.eocdOffset = (long) r.nextInt(400);
      case 5 -> z.zip64 = ZipForge.Zip64.values()[1 + r.nextInt(3)];
      case 6 -> {
        z.zip64 = ZipForge.Zip64.DECOY;
        z.decoys.add(entry(prefix));
      }
      case 7 -> z.comment = bytes(r.nextInt(30));
      case 8 -> z.commentLenDelta = 1 + r.nextInt(3);
      case 9 -> z.truncate = 1 + r.nextInt(r.nextBoolean() ? 4 : 60);
      case 10 -> z.eocdCount = r.nextBoolean() ? 0xffff : 0;
      case 11 -> z.eocdSize = r.nextBoolean() ? 0xffffL : 0xffffffffL;
      case 12, 13 -> e.descriptor = ZipForge.Descriptor.values()[1 + r.nextInt(3)];
      case 14 -> {
        e.descriptor = r.nextBoolean() ? ZipForge.Descriptor.SIGNED : ZipForge.Descriptor.UNSIGNED;
        e.descriptorCrc = (long) r.nextInt();
      }
      case 15 -> e.crc = 0L;
      case 16 -> e.crc = (long) r.nextInt() & 0xffffffffL;
      case 17 -> e.usize = (long) Math.max(0, e.content.length + r.nextInt(5) - 2);
      case 18 -> e.csize = (long) Math.max(0, e.content.length / 2 + r.nextInt(20) - 10);
      case 19 -> e.method = r.nextBoolean() ? 12 : 99;
      case 20 -> e.flags |= 1;
      case 21 ->
          e.localName =
              (new String(e.name, StandardCharsets.UTF_8) + "x").getBytes(StandardCharsets.UTF_8);
      case 22 -> e.localMethod = e.method == 8 ? 0 : 8;
      case 23 -> e.localCrc = (long) r.nextInt() & 0xffffffffL;
      case 24 -> e.cdExtra = bytes(r.nextInt(12));
      case 25 -> e.cdExtra = new byte[] {1, 0, (byte) r.nextInt(30), 0, 1, 2, 3, 4};
      case 26 -> e.zip64Extra = true;
      case 27 -> e.corruptData = true;
      case 28 -> {
        e.madeBy = 3 << 8 | 20;
        e.external = (long) (r.nextBoolean() ? 0120777 : r.nextBoolean() ? 0010644 : 0040755) << 16;
      }
      case 29 -> {
        e.madeBy = 20;
        e.external = r.nextBoolean() ? 0x10 : 0x20;
      }
      case 30 -> e.name = (prefix.replace("@v", "@w") + "a.go").getBytes(StandardCharsets.UTF_8);
      case 31 -> z.entries.add(e.copy());
      case 32 -> e.flags |= 0x800;
      case 33 -> e.name = concat(e.name, new byte[] {(byte) 0xff});
      case 34 -> e.usize = 0xffffffffL;
      case 35 -> e.content = bytes(2000 + r.nextInt(3000));
      case 36 -> {
        e.descriptor = ZipForge.Descriptor.UNSIGNED;
        z.truncate = 1 + r.nextInt(30);
      }
      case 37 ->
          e.localName =
              e.name.length > 1 ? java.util.Arrays.copyOf(e.name, e.name.length - 1) : e.name;
      case 38 -> e.flags |= 8;
      default -> z.zip64 = ZipForge.Zip64.ALWAYS;
    }
  }

  /**
   * A zip64 end record that counts other than the directory holds (by multiples of 65,536, which
   * Go's modulo comparison lets through, or otherwise), followed by Go (sentinels) or not, or a
   * second zip64 end record that java.util.zip follows and Go does not, whose count, size or offset
   * lies (sizes of 2^64 - 2^31 and 2^64 - 2^32 among them), or not.
   */
  private void zip64Lie(ZipForge z) {
    if (z.zip64 == ZipForge.Zip64.NONE) {
      z.zip64 = r.nextBoolean() ? ZipForge.Zip64.SENTINEL : ZipForge.Zip64.ALWAYS;
    }
    if (r.nextBoolean()) {
      z.zip64CountDelta = countDelta();
      return;
    }
    z.zip64 = ZipForge.Zip64.SENTINEL;
    z.shadow =
        switch (r.nextInt(4)) {
          case 0 -> new ZipForge.Shadow(countDelta(), 0, 0);
          case 1 -> new ZipForge.Shadow(0, shadowSizeDelta(), 0);
          case 2 -> new ZipForge.Shadow(0, 0, r.nextInt(21) - 10);
          default -> new ZipForge.Shadow(0, 0, 0);
        };
  }

  /** 2^64 - 2^31 or 2^64 - 2^32 bytes more (as java.util.zip 17 reads them), or a few. */
  private long shadowSizeDelta() {
    return switch (r.nextInt(3)) {
      case 0 -> -(1L << 31);
      case 1 -> -(1L << 32);
      default -> r.nextInt(21) - 10;
    };
  }

  private long countDelta() {
    return switch (r.nextInt(4)) {
      case 0 -> 65536L * (1 + r.nextInt(1 << 12));
      case 1 -> 1L << 28;
      case 2 -> -65536;
      default -> r.nextBoolean() ? 1 + r.nextInt(1000) : -1;
    };
  }

  // ---- .info

  Case info() {
    String[] ref = REFS[r.nextInt(REFS.length)];
    String v = ref[1];
    List<String> members = new ArrayList<>();
    int k = r.nextInt(20);
    String versionValue =
        k == 0
            ? "v9.9.9"
            : k == 1 ? "\\u0076" + v.substring(1) : k == 2 ? v.toUpperCase() : k == 3 ? v + " " : v;
    String versionKey =
        pick(
            "Version",
            "Version",
            "Version",
            "version",
            "VERSION",
            "Ver\u017fion",
            "Vers\u0131on",
            "Versio\\u006e",
            "Version ",
            "\\u0056ersion");
    members.add(
        q(versionKey)
            + ":"
            + (r.nextInt(30) == 0 ? pick("null", "1", "true", "[]", "{}") : q(versionValue)));
    if (r.nextInt(4) != 0) {
      members.add(q(pick("Time", "Time", "time", "TIME")) + ":" + time());
    }
    if (r.nextInt(6) == 0) {
      members.add(
          q("Origin")
              + ":"
              + pick(
                  "null",
                  "{}",
                  "{\"VCS\":\"git\",\"URL\":\"https://x\"}",
                  "{\"Hash\":1}",
                  "\"x\"",
                  "[]",
                  "{\"vcs\":null,\"Extra\":[1,{}]}"));
    }
    if (r.nextInt(6) == 0) {
      members.add(
          q(pick("Name", "Short", "Extra", "x"))
              + ":"
              + pick("1", "\"s\"", "[1,2,{\"a\":[]}]", "{\"a\":{\"b\":null}}", "-0.5e+3", "true"));
    }
    if (r.nextInt(8) == 0) {
      members.add(q(pick("Version", "version")) + ":" + q(r.nextBoolean() ? v : "v0.0.1"));
    }
    if (r.nextInt(3) == 0) {
      java.util.Collections.shuffle(members, r);
    }
    String body = "{" + String.join(r.nextBoolean() ? "," : ", ", members) + "}";
    int m = r.nextInt(40);
    body =
        switch (m) {
          case 0 -> body + "x";
          case 1 -> body + "\n";
          case 2 -> " \t\r\n" + body;
          case 3 -> "\ufeff" + body;
          case 4 -> body.substring(0, body.length() - 1);
          case 5 -> "null";
          case 6 -> "[" + body + "]";
          case 7 -> "";
          case 8 -> body.replace("}", ",}");
          case 9 -> "\"" + v + "\"";
          default -> body;
        };
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (r.nextInt(30) == 0 && bytes.length > 14) {
      bytes[13 + r.nextInt(bytes.length - 14)] = (byte) (0x80 + r.nextInt(128));
    }
    return Case.withBytes("info", bytes, ref[0], ref[1]);
  }

  private String time() {
    int k = r.nextInt(24);
    return switch (k) {
      case 0 -> "null";
      case 1 -> "123";
      case 2 -> q("yesterday");
      case 3 -> q("2019-01-02T3:04:05Z");
      case 4 -> q("2019-01-02T03:04:05,123Z");
      case 5 -> q("2019-01-02T03:04:05+24:00");
      case 6 -> q("2019-01-02T03:04:05+23:60");
      case 7 -> q("2019-02-30T03:04:05Z");
      case 8 -> q("2019-01-02T03:04:05");
      case 9 -> q("2019-01-02 03:04:05Z");
      case 10 -> q("2019-01-02T03:04:05.1234567891234Z");
      case 11 -> q("2019\\u002d01-02T03:04:05Z");
      case 12 -> q("2019-01-02T03:04:05z");
      case 13 -> q("0000-01-01T00:00:00Z");
      case 14 -> q("2020-02-29T23:59:59-07:30");
      case 15 -> q("2019-01-02T03:04:60Z");
      case 16 -> q("2019-13-02T03:04:05Z");
      case 17 -> q("2019-01-02T03:04:05+0700");
      case 18 -> "{}";
      case 19 -> q("2019-01-02T03:04:05.Z");
      default ->
          q(
              "2019-0"
                  + (1 + r.nextInt(9))
                  + "-1"
                  + r.nextInt(9)
                  + "T1"
                  + r.nextInt(9)
                  + ":0"
                  + r.nextInt(9)
                  + ":5"
                  + r.nextInt(9)
                  + (r.nextBoolean() ? "Z" : ".5+01:00"));
    };
  }

  // ---- .mod

  Case mod() {
    String[] ref = REFS[r.nextInt(REFS.length)];
    String path = ref[0];
    String declared =
        switch (r.nextInt(12)) {
          case 0 -> path + "/v2";
          case 1 -> path.replace("/v2", "");
          case 2 -> "other.example/m";
          case 3 -> "\"" + path + "\"";
          default -> path;
        };
    StringBuilder b = new StringBuilder();
    if (r.nextInt(4) == 0) {
      b.append("// comment\n");
    }
    if (r.nextInt(15) != 0) {
      b.append("module ")
          .append(declared)
          .append(r.nextInt(5) == 0 ? " // the module" : "")
          .append('\n');
    }
    if (r.nextBoolean()) {
      b.append("\ngo 1.").append(r.nextInt(24)).append('\n');
    }
    if (r.nextBoolean()) {
      b.append(
          "\nrequire (\n\tgolang.org/x/text v0.3.0\n\texample.com/dep v1.2.3 // indirect\n)\n");
    }
    if (r.nextInt(8) == 0) {
      b.append("replace example.com/dep => ../dep\n");
    }
    if (r.nextInt(10) == 0) {
      b.append("exclude example.com/dep v1.0.0\n");
    }
    if (r.nextInt(4) == 0) {
      // What a lax parse skips, keeps or refuses (x/mod ParseLax).
      b.append(
          pick(
              "future directive\n",
              "toolchain go1.21.0\n",
              "godebug x=1\n",
              "go 1.21rc1\n",
              "go 1.14-custom\n",
              "retract v1.0.0 // bad\n",
              "retract [v1.0.0, v1.1.0]\n",
              "retract bogus\n",
              "require example.com/x 1.0.0\n",
              "require example.com/x v2.0.0\n",
              "require example.com/x\n",
              "module other.example/m\n",
              "replace (\n\tx => y\n)\n",
              "tool example.com/t\n",
              "ignore ./x\n",
              "require (\n",
              "require \"example.com/q\" v1.0.0\n",
              "require `example.com/raw` v1.0.0\n",
              "unknown (\n\tblock\n)\n"));
    }
    return Case.withBytes("mod", b.toString().getBytes(StandardCharsets.UTF_8), ref[0], ref[1]);
  }

  // ---- checksum database

  Case tree() {
    String hash = "nND/nri/U0xuHUrYSy0HtMeal2vzD9V4k/BO79C+QeI=";
    String n =
        pick(
            "0",
            "1",
            "2",
            "01",
            "00",
            "+1",
            "-1",
            " 1",
            "1 ",
            "9223372036854775807",
            "9223372036854775808",
            "12345",
            "1e3",
            "0x1");
    String h =
        pick(
            hash,
            hash,
            hash,
            hash.substring(0, 43),
            hash.replace("=", ""),
            hash + "\r",
            "AAAA",
            hash.replace('/', '_'),
            hash.toLowerCase());
    String text =
        pick(
                "go.sum database tree\n",
                "go.sum database tree\n",
                "go.sum database tree \n",
                "Go.sum database tree\n")
            + n
            + "\n"
            + h
            + pick("\n", "\n", "\nextra line\n", "", "\n\n");
    return Case.of("tree", text);
  }

  Case sumdbLine() {
    String[] ref = REFS[r.nextInt(REFS.length)];
    boolean goMod = r.nextBoolean();
    String v = ref[1] + (goMod ? "/go.mod" : "");
    String good = "h1:" + "A".repeat(43) + "=";
    String bad = "h1:" + "B".repeat(43) + "=";
    List<String> lines = new ArrayList<>();
    int k = r.nextInt(8);
    String p = ref[0] + " " + v + " ";
    switch (k) {
      case 0 -> {
        lines.add(p + good);
        lines.add(p + bad);
      }
      case 1 -> {
        lines.add(p + bad);
        lines.add(p + good);
      }
      case 2 -> lines.add(p + "h2:xyz");
      case 3 -> {
        lines.add(p + "h2:xyz");
        lines.add(p + good);
      }
      case 4 -> lines.add(ref[0] + "x " + v + " " + good);
      default -> lines.add(p + (r.nextInt(4) == 0 ? bad : good));
    }
    String other = ref[0] + " " + ref[1] + (goMod ? "" : "/go.mod") + " " + good;
    lines.add(r.nextInt(lines.size() + 1), other);
    return Case.of("sumdbline", ref[0], v, good, String.join("\n", lines) + "\n");
  }

  // ---- paths, patterns, folding

  private String modulePath() {
    String base =
        pick(
            "example.com/m",
            "example.com/m/v2",
            "gopkg.in/yaml.v3",
            "golang.org/x/Text",
            "Example.com/m",
            "example.com/m/v1",
            "example.com/m/v02",
            "example.com//m",
            "example.com/m/",
            ".example.com/m",
            "example.com/.m",
            "example.com/m.",
            "example.com/con",
            "example.com/~m",
            "example.com/m@v",
            "exa mple.com/m",
            "github.com/a/b",
            "localhost/m",
            "m",
            "example.com/é",
            "example.com/m/v2/v3",
            "gopkg.in/yaml.v3-unstable");
    return r.nextInt(6) == 0 ? base + pick("/x", "/v3", "/X", "-", ".") : base;
  }

  private String globs() {
    List<String> g = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      g.add(
          pick(
              "example.com",
              "*.com",
              "example.com/*",
              "*",
              "",
              "example.com/m/",
              "[a-z]*.com",
              "exa?ple.com",
              "\\",
              "[",
              "example.com/m",
              "*/m",
              "gopkg.in",
              "golang.org/x",
              "example.com/m/v2",
              "EXAMPLE.com"));
    }
    return String.join(pick(",", ", ", ",,"), g);
  }

  private String foldString() {
    StringBuilder b = new StringBuilder();
    int n = 1 + r.nextInt(6);
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(4);
      b.appendCodePoint(
          k == 0
              ? 'A' + r.nextInt(58)
              : k == 1 ? r.nextInt(0x3000) : FOLDERS[r.nextInt(FOLDERS.length)]);
    }
    return b.toString();
  }

  // ---- helpers

  private String pick(String... options) {
    return options[r.nextInt(options.length)];
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Every rune that folds to another, from the same Go-generated table core uses. */
  private static int[] foldable() {
    try (InputStream in =
        dev.modmirror.core.module.GoFold.class.getResourceAsStream("go-fold.txt")) {
      List<Integer> cps = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (!line.startsWith("#") && !line.isEmpty()) {
          cps.add(Integer.parseInt(line.substring(0, line.indexOf(' ')), 16));
        }
      }
      return cps.stream().mapToInt(Integer::intValue).filter(c -> c > 0x7f).toArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

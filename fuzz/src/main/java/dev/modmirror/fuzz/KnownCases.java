package dev.modmirror.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The differentials of issue 15, one named case each: inputs on which modmirror and the go command
 * once disagreed. {@code ./modmirror fuzz record} writes them as vectors with Go's verdict; the
 * vector tests replay them for ever.
 */
public final class KnownCases {
  private static final String M = "example.com/m";
  private static final String V = "v1.0.0";
  private static final String P = M + "@" + V + "/";

  private KnownCases() {}

  /** Name → case, in a stable order. */
  public static Map<String, Case> all() {
    Map<String, Case> c = new LinkedHashMap<>();
    c.put("zip64-decoy-directory", zip64Decoy());
    c.put("zip64-sentinel-followed", zip64(ZipForge.Zip64.SENTINEL));
    c.put("zip64-records-without-sentinels", zip64(ZipForge.Zip64.ALWAYS));
    c.put("descriptor-signed-good", descriptor(ZipForge.Descriptor.SIGNED, null));
    c.put("descriptor-unsigned-good", descriptor(ZipForge.Descriptor.UNSIGNED, null));
    c.put("descriptor-wrong-crc", descriptor(ZipForge.Descriptor.SIGNED, 12345L));
    c.put("descriptor-missing", descriptor(ZipForge.Descriptor.MISSING, null));
    c.put("crc-zero-without-descriptor", crcZero());
    c.put("root-entry-with-content", rootWithContent(new byte[] {1, 2, 3}));
    c.put("root-entry-empty", rootWithContent(new byte[0]));
    c.put("duplicate-directory-first-with-content", duplicateDirectory());
    c.put("incompatible-v1", incompatible(M, "v1.0.0+incompatible"));
    c.put("incompatible-major-suffix", incompatible(M + "/v2", "v2.0.0+incompatible"));
    c.put("unicode15-fold-collision", foldCollision(0x2C5F));
    c.put("kelvin-fold-collision", foldCollision(0x212A));
    c.put("unicode15-letter-in-file-name", letterName(0x2C5F));
    c.put("mod-declares-major-suffix", mod("v2.0.0+incompatible", "module example.com/m/v2\n"));
    c.put("mod-missing-module-line", mod(V, "go 1.21\n"));
    c.put("mod-quoted-module-line", mod(V, "module \"example.com/m\" // quoted\n"));
    c.put("info-time-yesterday", info("{\"Version\":\"v1.0.0\",\"Time\":\"yesterday\"}"));
    c.put("info-time-number", info("{\"Version\":\"v1.0.0\",\"Time\":123}"));
    c.put("info-trailing-text", info("{\"Version\":\"v1.0.0\"} x"));
    c.put(
        "info-duplicate-version-last-wins",
        info("{\"Version\":\"v1.0.0\",\"Version\":\"v9.0.0\"}"));
    c.put(
        "info-lower-case-key", info("{\"version\":\"v1.0.0\",\"time\":\"2019-01-02T03:04:05Z\"}"));
    c.put("info-escaped-version", info("{\"Version\":\"\\u00761.0.0\"}"));
    c.put("info-long-s-folds-key", info("{\"Ver\u017fion\":\"v1.0.0\"}"));
    c.put("info-one-digit-hour", info("{\"Version\":\"v1.0.0\",\"Time\":\"2019-01-02T3:04:05Z\"}"));
    c.put(
        "info-comma-fraction",
        info("{\"Version\":\"v1.0.0\",\"Time\":\"2019-01-02T03:04:05,5Z\"}"));
    c.put("info-origin-wrong-type", info("{\"Version\":\"v1.0.0\",\"Origin\":\"git\"}"));
    c.put("tree-size-leading-zero", Case.of("tree", tree("01")));
    c.put("tree-size-canonical", Case.of("tree", tree("1")));
    c.put("record-two-lines-first-mismatch", record(BAD + "\n" + M + " " + V + " " + GOOD));
    c.put("record-two-lines-first-match", record(GOOD + "\n" + M + " " + V + " " + BAD));
    return c;
  }

  private static final String GOOD = "h1:" + "A".repeat(43) + "=";
  private static final String BAD = "h1:" + "B".repeat(43) + "=";

  private static Case zip(ZipForge z) {
    return Case.zip(M, V, z);
  }

  private static ZipForge module() {
    ZipForge z = new ZipForge();
    z.entries.add(new ZipForge.Entry(P + "go.mod", text("module example.com/m\n")));
    z.entries.add(new ZipForge.Entry(P + "a.go", text("package a\n")));
    return z;
  }

  private static Case zip64Decoy() {
    ZipForge z = module();
    z.zip64 = ZipForge.Zip64.DECOY;
    z.decoys.add(new ZipForge.Entry(P + "evil.go", text("package evil\n")));
    return zip(z);
  }

  private static Case zip64(ZipForge.Zip64 mode) {
    ZipForge z = module();
    z.zip64 = mode;
    return zip(z);
  }

  private static Case descriptor(ZipForge.Descriptor mode, Long crc) {
    ZipForge z = module();
    z.entries.get(1).descriptor = mode;
    z.entries.get(1).descriptorCrc = crc;
    return zip(z);
  }

  private static Case crcZero() {
    ZipForge z = module();
    z.entries.get(1).crc = 0L;
    return zip(z);
  }

  private static Case rootWithContent(byte[] content) {
    ZipForge z = module();
    z.entries.add(0, new ZipForge.Entry(P, content));
    return zip(z);
  }

  private static Case duplicateDirectory() {
    ZipForge z = module();
    ZipForge.Entry first = new ZipForge.Entry(P + "d/", new byte[0]);
    first.usize = 1L;
    z.entries.add(first);
    z.entries.add(new ZipForge.Entry(P + "d/", new byte[0]));
    return zip(z);
  }

  private static Case incompatible(String module, String version) {
    ZipForge z = new ZipForge();
    z.entries.add(new ZipForge.Entry(module + "@" + version + "/a.go", text("package a\n")));
    return Case.zip(module, version, z);
  }

  private static Case foldCollision(int cp) {
    ZipForge z = module();
    String a = new String(Character.toChars(cp));
    String b = new String(Character.toChars(dev.modmirror.core.module.GoFold.smallest(cp)));
    z.entries.add(new ZipForge.Entry(P + "x" + a + ".go", text("package a\n")));
    z.entries.add(new ZipForge.Entry(P + "x" + b + ".go", text("package a\n")));
    return zip(z);
  }

  private static Case letterName(int cp) {
    ZipForge z = module();
    z.entries.add(
        new ZipForge.Entry(
            P + "x" + new String(Character.toChars(cp)) + ".go", text("package a\n")));
    return zip(z);
  }

  private static Case mod(String version, String text) {
    return Case.withBytes("mod", text(text), M, version);
  }

  private static Case info(String json) {
    return Case.withBytes("info", text(json), M, V);
  }

  private static String tree(String n) {
    return "go.sum database tree\n" + n + "\nnND/nri/U0xuHUrYSy0HtMeal2vzD9V4k/BO79C+QeI=\n";
  }

  private static Case record(String lines) {
    return Case.of("sumdbline", M, V, GOOD, M + " " + V + " " + lines + "\n");
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

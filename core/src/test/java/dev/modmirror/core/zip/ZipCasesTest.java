package dev.modmirror.core.zip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.testdata.Txtar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The module zips of {@code cases/*.txt}, as x/mod's {@code zip/testdata/check_zip}: each archive
 * is one zip, written entry by entry, and the rule that refuses it ({@code want=<rule>}) or {@code
 * want=ok}.
 *
 * <p>Parameters: {@code module=} and {@code version=} (default {@code example.com/m v1.0.0}),
 * {@code limits=ZIP UNCOMPRESSED GOMOD LICENSE} (default the go command's; {@code zipsize} is the
 * file's own length, {@code zipsize-1} one byte less), {@code order=reverse} (central directory in
 * reverse), {@code comment=N} (an archive comment of N bytes), {@code zip64-end=OFFSET} (a zip64
 * end record and locator; -1: the locator points at the record). A file name starting with
 * {@code @/} is under {@code module@version/}; words after the name set the entry: {@code stored},
 * {@code dir}, {@code mode=0120777} (octal), {@code size=N} and {@code crc=N} (declared in both
 * headers), {@code csize=N}, {@code localsize=N}, {@code localcrc=N}, {@code localname=X} (local
 * header only), {@code zip64}, {@code repeat=N} (content of N bytes).
 */
class ZipCasesTest {
  @TempDir Path dir;

  static Stream<Arguments> cases() {
    return Txtar.list(ZipCasesTest.class, "cases").stream()
        .map(name -> Arguments.of(Named.of(name, Txtar.read(ZipCasesTest.class, name))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verifiesAsTheCaseSays(Txtar c) throws IOException {
    ModuleRef ref =
        ModuleRef.of(
            c.param("module").orElse("example.com/m"), c.param("version").orElse("v1.0.0"));
    String prefix = ref.key() + "/";
    TestZip zip = TestZip.create();
    for (String marker : c.names()) {
      entry(zip, marker, c.file(marker), prefix);
    }
    if (c.param("order").orElse("").equals("reverse")) {
      zip.reverseCentral();
    }
    c.param("comment").ifPresent(n -> zip.comment(repeat(new byte[0], Integer.parseInt(n))));
    c.param("zip64-end").ifPresent(at -> zip.zip64End(Long.parseLong(at)));
    byte[] bytes = zip.bytes();
    Path file = Files.write(dir.resolve("case.zip"), bytes);
    ZipLimits limits = limits(c.param("limits").orElse(""), bytes.length);
    String want =
        c.param("want").orElseThrow(() -> new IllegalStateException(c.name() + ": no want"));
    if (want.equals("ok")) {
      ZipSummary summary = ModuleZipVerifier.verify(file, ref, limits);
      assertThat(summary.fileCount()).as(c.name()).isPositive();
      return;
    }
    assertThatThrownBy(() -> ModuleZipVerifier.verify(file, ref, limits))
        .as(c.name())
        .isInstanceOfSatisfying(
            ZipRuleException.class,
            e -> {
              assertThat(ruleId(e)).as(c.name()).isEqualTo(want);
              c.param("message").ifPresent(m -> assertThat(e).as(c.name()).hasMessage(m));
              assertThat(e.module()).contains(ref.path().value());
              assertThat(e.version()).contains(ref.version().value());
            });
  }

  /** The rule's stable name. */
  static String ruleId(ZipRuleException e) {
    return e.rule();
  }

  private static void entry(TestZip zip, String marker, String data, String prefix) {
    String[] words = marker.split(" ");
    String name = words[0].startsWith("@/") ? prefix + words[0].substring(2) : words[0];
    byte[] content = data.getBytes(StandardCharsets.UTF_8);
    TestZip.Entry e = null;
    for (int i = 1; i < words.length; i++) {
      if (words[i].startsWith("repeat=")) {
        content = repeat(content, Integer.parseInt(words[i].substring("repeat=".length())));
      }
    }
    boolean isDir = false;
    for (int i = 1; i < words.length; i++) {
      isDir |= words[i].equals("dir");
    }
    e = isDir ? zip.dir(name) : zip.add(name, content);
    for (int i = 1; i < words.length; i++) {
      String w = words[i];
      int eq = w.indexOf('=');
      String key = eq < 0 ? w : w.substring(0, eq);
      String value = eq < 0 ? "" : w.substring(eq + 1);
      switch (key) {
        case "stored" -> e.stored();
        case "dir", "repeat" -> {}
        case "mode" -> e.unixMode(Integer.parseInt(value, 8));
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
  }

  private static byte[] repeat(byte[] content, int n) {
    byte[] unit = content.length == 0 ? "x".getBytes(StandardCharsets.UTF_8) : content;
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = unit[i % unit.length];
    }
    return out;
  }

  private static ZipLimits limits(String spec, long zipSize) {
    if (spec.isEmpty()) {
      return ZipLimits.DEFAULT;
    }
    String[] f = spec.split(" ");
    long zip =
        switch (f[0]) {
          case "zipsize" -> zipSize;
          case "zipsize-1" -> zipSize - 1;
          default -> Long.parseLong(f[0]);
        };
    return new ZipLimits(zip, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
  }
}

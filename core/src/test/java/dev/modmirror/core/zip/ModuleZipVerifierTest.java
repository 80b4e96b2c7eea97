package dev.modmirror.core.zip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.module.ModuleLimits;
import dev.modmirror.core.module.ModuleRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleZipVerifierTest {
  private static final ModuleRef REF = ModuleRef.of("example.com/m", "v1.0.0");
  private static final String P = "example.com/m@v1.0.0/";
  private static final ModuleLimits SMALL =
      new ModuleLimits(64 * 1024, 64 * 1024, 1024, 1024, ModuleLimits.MAX_INFO);

  @TempDir Path dir;

  private Path write(TestZip zip) {
    return zip.write(dir.resolve("m.zip"));
  }

  private void assertRule(TestZip zip, String rule) {
    assertRule(write(zip), REF, ModuleLimits.DEFAULT, rule);
  }

  private static void assertRule(Path file, ModuleRef ref, ModuleLimits limits, String rule) {
    assertThatThrownBy(() -> ModuleZipVerifier.verify(file, ref, limits))
        .isInstanceOf(ZipRuleException.class)
        .satisfies(e -> assertThat(((ZipRuleException) e).rule().id()).isEqualTo(rule))
        .satisfies(e -> assertThat(((ZipRuleException) e).module()).contains(ref.path().value()));
  }

  private static TestZip module() {
    return TestZip.create()
        .with(P + "go.mod", "module example.com/m\n")
        .with(P + "LICENSE", "MIT\n")
        .with(P + "a/b/c.go", "package b\n");
  }

  @Test
  void acceptsWellFormedZipAndSummarizesIt() {
    ZipSummary summary = ModuleZipVerifier.verify(write(module()), REF);
    assertThat(summary).isEqualTo(new ZipSummary(3, 21 + 4 + 10, true, true));
  }

  @Test
  void showsTheSinkEveryEntryInDirectoryOrderAndCountsWhatItLeaves() {
    TestZip zip = TestZip.create().with(P + "go.mod", "module example.com/m\n");
    zip.dir(P + "d/");
    zip.add(P + "d/zero", "\0\0tail");
    zip.add(P + "d/text", "pq tail").stored();
    java.util.List<String> seen = new java.util.ArrayList<>();
    ZipSummary summary =
        ModuleZipVerifier.verify(
            write(zip),
            REF,
            ModuleLimits.DEFAULT,
            (name, content) -> seen.add(name + "=" + content.read() + "," + content.read()));
    assertThat(seen)
        .containsExactly(
            P + "go.mod=109,111", P + "d/=-1,-1", P + "d/zero=0,0", P + "d/text=112,113");
    assertThat(summary).isEqualTo(new ZipSummary(3, 21 + 6 + 7, true, false));
  }

  @Test
  void acceptsZipWrittenWithDataDescriptorsAndDirectoryEntries() throws IOException {
    Path file = dir.resolve("dd.zip");
    Files.write(file, jdkZip(P, P + "a/", P + "a/x.go"));
    assertThat(ModuleZipVerifier.verify(file, REF)).isEqualTo(new ZipSummary(1, 6, false, false));
  }

  @Test
  void acceptsIncompatibleVersionWithoutSuffix() {
    ModuleRef ref = ModuleRef.of("example.com/m", "v2.0.0+incompatible");
    Path file = write(TestZip.create().with("example.com/m@v2.0.0+incompatible/a.go", "x"));
    assertThat(ModuleZipVerifier.verify(file, ref).fileCount()).isEqualTo(1);
  }

  @Test
  void rejectsEntryOutsidePrefix() {
    assertRule(module().with("example.com/other@v1.0.0/a.go", "x"), "wrong-prefix");
  }

  @Test
  void rejectsZipSlipParentPath() {
    assertRule(module().with(P + "../../etc/passwd", "x"), "zip-slip");
  }

  @Test
  void rejectsZipSlipAbsolutePath() {
    assertRule(module().with(P + "/etc/passwd", "x"), "zip-slip");
  }

  @Test
  void rejectsZipSlipBackslashPath() {
    assertRule(module().with(P + "a\\..\\..\\x", "x"), "zip-slip");
  }

  @Test
  void rejectsUncleanPath() {
    assertRule(module().with(P + "a/./b.go", "x"), "path-not-clean");
  }

  @Test
  void rejectsInvalidFileCharacters() {
    assertRule(module().with(P + "a/b*c.go", "x"), "invalid-file-path");
    assertRule(module().with(P + "a/new\nline.go", "x"), "invalid-file-path");
  }

  @Test
  void rejectsWindowsReservedNames() {
    assertRule(module().with(P + "a/con.txt", "x"), "invalid-file-path");
    assertRule(module().with(P + "LPT1/a.go", "x"), "invalid-file-path");
  }

  @Test
  void rejectsZipWithCaseCollidingPaths() {
    assertRule(module().with(P + "a/B/c.go", "x"), "case-collision");
  }

  @Test
  void rejectsCaseCollisionUnderUnicodeFolding() {
    assertRule(TestZip.create().with(P + "K.go", "x").with(P + "\u212A.go", "y"), "case-collision");
  }

  @Test
  void rejectsDuplicateEntries() {
    assertRule(module().with(P + "a/b/c.go", "again"), "duplicate-entry");
  }

  @Test
  void rejectsPathThatIsFileAndDirectory() {
    assertRule(module().with(P + "a/b", "x"), "file-and-directory");
  }

  @Test
  void rejectsGoModInSubdirectory() {
    assertRule(module().with(P + "sub/go.mod", "module example.com/m/sub\n"), "go-mod-not-at-root");
  }

  @Test
  void rejectsGoModWithWrongCase() {
    assertRule(TestZip.create().with(P + "GO.MOD", "module example.com/m\n"), "go-mod-case");
  }

  @Test
  void rejectsSymlinkEntry() {
    TestZip zip = module();
    zip.add(P + "link", "/etc/passwd").unixMode(0120777);
    assertRule(zip, "symlink");
  }

  @Test
  void rejectsNonRegularEntry() {
    TestZip zip = module();
    zip.add(P + "fifo", "").unixMode(010644);
    assertRule(zip, "not-regular-file");
  }

  @Test
  void ignoresDirectoryEntriesButRejectsDirectoriesWithContent() {
    TestZip zip = module();
    zip.dir(P + "a/");
    assertThat(ModuleZipVerifier.verify(write(zip), REF).fileCount()).isEqualTo(3);
    TestZip bad = module();
    bad.add(P + "d/", "content").stored();
    assertRule(bad, "directory-with-content");
  }

  @Test
  void rejectsLyingUncompressedSize() throws IOException {
    byte[] zip = jdkZip(P + "a.go");
    int cen = lastIndexOf(zip, new byte[] {0x50, 0x4b, 0x01, 0x02});
    zip[cen + 24] = 2; // declares 2 bytes; "a.go" content is 6 bytes
    zip[cen + 25] = 0;
    Path file = Files.write(dir.resolve("lie.zip"), zip);
    assertRule(file, REF, ModuleLimits.DEFAULT, "size-mismatch");
  }

  @Test
  void rejectsOverstatedUncompressedSize() {
    TestZip zip = module();
    zip.add(P + "x.go", "12345").declaredSize(500);
    assertRule(zip, "size-mismatch");
  }

  @Test
  void rejectsCrcMismatch() {
    TestZip zip = module();
    zip.add(P + "x.go", "12345").declaredCrc(42);
    assertRule(zip, "crc-mismatch");
  }

  @Test
  void rejectsTruncatedArchive() throws IOException {
    byte[] zip = module().bytes();
    Path file = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(zip, zip.length / 2));
    assertRule(file, REF, ModuleLimits.DEFAULT, "not-a-zip");
  }

  @Test
  void rejectsTruncatedDeflateStream() {
    byte[] big = new byte[50_000];
    new java.util.Random(1).nextBytes(big);
    TestZip zip = TestZip.create();
    zip.add(P + "a.bin", big).compressedSize(10_000);
    zip.add(P + "b.go", "x");
    assertRule(zip, "truncated");
  }

  @Test
  void rejectsOverlappingEntries() {
    TestZip zip = TestZip.create();
    zip.add(P + "a.go", "aaaa").stored().compressedSize(200);
    zip.add(P + "b.go", "b".repeat(500)).stored();
    assertRule(zip, "overlapping-entries");
  }

  @Test
  void rejectsZipBomb() {
    byte[] zeros = new byte[1 << 20];
    Path file = write(TestZip.create().with(P + "go.mod", "module example.com/m\n"));
    TestZip bomb = TestZip.create();
    bomb.add(P + "zeros", zeros);
    file = bomb.write(dir.resolve("bomb.zip"));
    assertThat(file.toFile().length()).isLessThan(SMALL.maxZipFile());
    assertRule(file, REF, SMALL, "uncompressed-too-large");
  }

  @Test
  void rejectsZipBombWithLyingSizeHeaderBeforeInflatingIt() {
    TestZip bomb = TestZip.create();
    bomb.add(P + "zeros", new byte[8 << 20]).declaredSize(1000);
    assertRule(write(bomb), REF, SMALL, "size-mismatch");
  }

  @Test
  void rejectsZipFileLargerThanLimit() {
    byte[] noise = new byte[100_000];
    new java.util.Random(2).nextBytes(noise);
    TestZip zip = TestZip.create();
    zip.add(P + "noise", noise);
    assertRule(write(zip), REF, SMALL, "zip-too-large");
  }

  @Test
  void rejectsOversizedGoModAndLicense() {
    String big = "x".repeat(2000);
    assertRule(write(TestZip.create().with(P + "go.mod", big)), REF, SMALL, "go-mod-too-large");
    assertRule(write(TestZip.create().with(P + "LICENSE", big)), REF, SMALL, "license-too-large");
  }

  @Test
  void rejectsLocalHeaderThatNamesAnotherFile() {
    TestZip zip = module();
    zip.add(P + "safe.go", "x").localName(P + "../evil.go");
    assertRule(zip, "local-header-mismatch");
  }

  @Test
  void rejectsFileThatIsNotAZip() throws IOException {
    Path file = Files.writeString(dir.resolve("x.zip"), "hello, not a zip");
    assertRule(file, REF, ModuleLimits.DEFAULT, "not-a-zip");
  }

  @Test
  void rejectsMajorVersionMismatch() {
    Path file = write(module());
    assertRule(
        file,
        ModuleRef.of("example.com/m", "v2.0.0"),
        ModuleLimits.DEFAULT,
        "major-version-mismatch");
    assertRule(
        file,
        ModuleRef.of("example.com/m/v2", "v1.0.0"),
        ModuleLimits.DEFAULT,
        "major-version-mismatch");
    assertRule(
        file,
        ModuleRef.of("gopkg.in/yaml.v2", "v3.0.0"),
        ModuleLimits.DEFAULT,
        "major-version-mismatch");
  }

  @Test
  void acceptsMatchingMajorVersionSuffixes() {
    for (String[] pv :
        new String[][] {{"example.com/m/v2", "v2.1.0"}, {"gopkg.in/yaml.v2", "v2.4.0"}}) {
      ModuleRef ref = ModuleRef.of(pv[0], pv[1]);
      Path file = write(TestZip.create().with(pv[0] + "@" + pv[1] + "/a.go", "x"));
      assertThat(ModuleZipVerifier.verify(file, ref).fileCount()).isEqualTo(1);
    }
  }

  @Test
  void readsZip64EndRecordsOfArchivesWithManyEntries() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.setMethod(ZipOutputStream.STORED);
      for (int i = 0; i < 66_000; i++) {
        ZipEntry e = new ZipEntry(P + "f/" + i);
        e.setSize(0);
        e.setCrc(0);
        out.putNextEntry(e);
        out.closeEntry();
      }
    }
    byte[] zip = bytes.toByteArray();
    assertThat(lastIndexOf(zip, new byte[] {0x50, 0x4b, 0x06, 0x06})).isPositive(); // zip64 end
    Path file = Files.write(dir.resolve("zip64.zip"), zip);
    assertThat(ModuleZipVerifier.verify(file, REF).fileCount()).isEqualTo(66_000);
  }

  static byte[] jdkZip(String... names) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (String name : names) {
        out.putNextEntry(new ZipEntry(name));
        if (!name.endsWith("/")) {
          out.write("hello\n".getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static int lastIndexOf(byte[] hay, byte[] needle) {
    for (int i = hay.length - needle.length; i >= 0; i--) {
      if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}

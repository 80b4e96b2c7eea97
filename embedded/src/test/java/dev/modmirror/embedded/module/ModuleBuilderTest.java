package dev.modmirror.embedded.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.hash.DirHash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleBuilderTest {
  @TempDir Path dir;

  @Test
  void buildsDefaultModFileInfoAndPrefixedSortedZip() throws IOException {
    BuiltModule m =
        ModuleBuilder.module("example.com/a")
            .file("z.go", "package a\n")
            .file("a.go", "package a\n")
            .build();

    assertThat(m.ref().key()).isEqualTo("example.com/a@v1.0.0");
    assertThat(text(m.mod())).isEqualTo("module example.com/a\n");
    assertThat(text(m.info()))
        .isEqualTo("{\"Version\":\"v1.0.0\",\"Time\":\"2026-01-01T00:00:00Z\"}");
    assertThat(entries(m.zip()))
        .containsExactly(
            Map.entry("example.com/a@v1.0.0/a.go", "package a\n"),
            Map.entry("example.com/a@v1.0.0/go.mod", "module example.com/a\n"),
            Map.entry("example.com/a@v1.0.0/z.go", "package a\n"));
  }

  @Test
  void sameInputsGiveSameBytesAndHash() throws IOException {
    BuiltModule one = sample().build();
    BuiltModule two = sample().build();
    assertThat(one).isEqualTo(two);
    assertThat(one.zip()).isEqualTo(two.zip());
    assertThat(hash(one)).isEqualTo(hash(two)).startsWith("h1:");
    assertThat(hash(sample().file("b.go", "package b\n").build())).isNotEqualTo(hash(one));
  }

  @Test
  void usesGivenGoModVersionAndTime() {
    BuiltModule m =
        ModuleBuilder.module("example.com/a")
            .version("v1.2.3-pre.1")
            .goMod("module example.com/a\n\ngo 1.19\n")
            .time(Instant.parse("2026-03-04T05:06:07.123456789Z"))
            .build();
    assertThat(text(m.mod())).isEqualTo("module example.com/a\n\ngo 1.19\n");
    assertThat(text(m.info()))
        .isEqualTo("{\"Version\":\"v1.2.3-pre.1\",\"Time\":\"2026-03-04T05:06:07.123456789Z\"}");
  }

  @Test
  void keepsRawEntriesVerbatimIncludingDuplicatesAndTraversal() throws IOException {
    BuiltModule m =
        ModuleBuilder.module("example.com/a")
            .withoutGoModInZip()
            .rawEntry("../evil", "x")
            .rawEntry("example.com/a@v1.0.0/dup.go", "1")
            .rawEntry("example.com/a@v1.0.0/dup.go", "2")
            .rawEntry("example.com/a@v1.0.0/Case.go", "3")
            .rawEntry("example.com/a@v1.0.0/case.go", "4")
            .rawEntry("other.com/b@v1.0.0/x.go", "5")
            .build();
    assertThat(names(m.zip()))
        .containsExactly(
            "../evil",
            "example.com/a@v1.0.0/dup.go",
            "example.com/a@v1.0.0/dup.go",
            "example.com/a@v1.0.0/Case.go",
            "example.com/a@v1.0.0/case.go",
            "other.com/b@v1.0.0/x.go");
  }

  @Test
  void servesGivenRawZipAndInfo() {
    byte[] junk = {1, 2, 3};
    BuiltModule m = ModuleBuilder.module("example.com/a").rawZip(junk).rawInfo("{").build();
    assertThat(m.zip()).containsExactly(1, 2, 3);
    assertThat(text(m.info())).isEqualTo("{");
  }

  @Test
  void writesEscapedGoproxyTreeAndListsEachVersionOnce() throws IOException {
    ModuleBuilder builder = ModuleBuilder.module("example.com/BigCo/x");
    builder.version("v1.0.0-RC").build().writeTo(dir);
    builder.version("v1.0.0-RC").build().writeTo(dir);
    Path vdir = builder.version("v1.1.0").build().writeTo(dir);

    assertThat(vdir).isEqualTo(dir.resolve("example.com/!big!co/x/@v"));
    assertThat(vdir.resolve("v1.0.0-!r!c.zip")).isRegularFile();
    assertThat(vdir.resolve("v1.0.0-!r!c.mod")).hasContent("module example.com/BigCo/x");
    assertThat(vdir.resolve("v1.0.0-!r!c.info")).isRegularFile();
    assertThat(Files.readAllLines(vdir.resolve("list"))).containsExactly("v1.0.0-RC", "v1.1.0");
  }

  private static ModuleBuilder sample() {
    return ModuleBuilder.module("example.com/a")
        .version("v1.0.0")
        .file("a.go", "package a\n")
        .file("sub/b.go", "package sub\n");
  }

  private String hash(BuiltModule m) throws IOException {
    Path zip = Files.createTempFile(dir, "m", ".zip");
    Files.write(zip, m.zip());
    return DirHash.hashZip(zip);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static Map<String, String> entries(byte[] zip) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        out.put(e.getName(), text(in.readAllBytes()));
      }
    }
    return out;
  }

  private static java.util.List<String> names(byte[] zip) throws IOException {
    java.util.List<String> out = new java.util.ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        in.readAllBytes();
        out.add(e.getName());
      }
    }
    return out;
  }
}

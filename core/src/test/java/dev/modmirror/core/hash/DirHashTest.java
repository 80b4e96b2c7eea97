package dev.modmirror.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.zip.TestZip;
import dev.modmirror.core.zip.ZipRuleException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirHashTest {
  // Known answers recorded by go1.19 `go mod download -json` (Sum, GoModSum); ZipHashGoIT
  // re-checks.
  private static final String V2 = "example.com/m/v2@v2.0.0-20260102030405-abcdefabcdef/";
  private static final String V2_MOD = "module example.com/m/v2\n\ngo 1.19\n";
  private static final String V2_SUM = "h1:WbC3iawlQraWO/T4Ki0RJVGDWq8O5oFKBd7M/CCiUxg=";
  private static final String V2_GOMODSUM = "h1:HYGW+hCKt/ApbtUKDJOHNsAV1o+T7ZxvMTCI0goYnJ0=";
  private static final String SIMPLE_MOD = "module example.com/simple\n\ngo 1.19\n";
  private static final String SIMPLE_GOMODSUM = "h1:evAfr3b9RLKOb6Yj/Lw0YIq6OvwtRwT3Ye7n0KB7q1w=";

  @TempDir Path dir;

  private static TestZip v2Zip() {
    TestZip zip = TestZip.create();
    zip.add(V2 + "go.mod", V2_MOD);
    zip.dir(V2 + "dir/");
    zip.add(V2 + "dir/x.go", "package dir\n");
    zip.add(V2 + "\uFF21.txt", "fullwidth A\n");
    zip.add(V2 + "\uD835\uDC00.txt", "math bold A, above U+FFFF: sorts last in UTF-8\n");
    return zip;
  }

  @Test
  void hashesZipAsGoDoes() {
    assertThat(DirHash.hashZip(v2Zip().write(dir.resolve("v2.zip")))).isEqualTo(V2_SUM);
  }

  @Test
  void hashesGoModAsGoDoes() {
    assertThat(DirHash.hashGoMod(V2_MOD.getBytes(StandardCharsets.UTF_8))).isEqualTo(V2_GOMODSUM);
    assertThat(
            DirHash.hashGoMod(
                new ByteArrayInputStream(SIMPLE_MOD.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(SIMPLE_GOMODSUM);
  }

  @Test
  void hashDoesNotDependOnEntryOrderOrZipWriter() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<String[]> files = new ArrayList<>();
    files.add(
        new String[] {V2 + "\uD835\uDC00.txt", "math bold A, above U+FFFF: sorts last in UTF-8\n"});
    files.add(new String[] {V2 + "dir/x.go", "package dir\n"});
    files.add(new String[] {V2 + "dir/", null});
    files.add(new String[] {V2 + "\uFF21.txt", "fullwidth A\n"});
    files.add(new String[] {V2 + "go.mod", V2_MOD});
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (String[] f : files) {
        out.putNextEntry(new ZipEntry(f[0]));
        if (f[1] != null) {
          out.write(f[1].getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
      }
    }
    Path file = Files.write(dir.resolve("jdk.zip"), bytes.toByteArray());
    assertThat(DirHash.hashZip(file)).isEqualTo(V2_SUM);
  }

  @Test
  void hashFilesFollowsTheHash1Definition() throws Exception {
    Map<String, DirHash.Content> files = new LinkedHashMap<>();
    files.put(
        "xyz", () -> new ByteArrayInputStream("data for xyz".getBytes(StandardCharsets.UTF_8)));
    files.put(
        "abc", () -> new ByteArrayInputStream("data for abc".getBytes(StandardCharsets.UTF_8)));
    String lines = sha("data for abc") + "  abc\n" + sha("data for xyz") + "  xyz\n";
    String want =
        "h1:"
            + Base64.getEncoder()
                .encodeToString(
                    MessageDigest.getInstance("SHA-256")
                        .digest(lines.getBytes(StandardCharsets.UTF_8)));
    assertThat(DirHash.hashFiles(files)).isEqualTo(want);
  }

  @Test
  void rejectsNamesWithNewlines() {
    Map<String, DirHash.Content> files =
        Map.of("a\nb", () -> new ByteArrayInputStream(new byte[0]));
    assertThatThrownBy(() -> DirHash.hashFiles(files))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("newlines");
  }

  @Test
  void sortsNamesByUtf8BytesNotUtf16() {
    assertThat(DirHash.compareUtf8("\uFF21", "\uD835\uDC00")).isNegative();
    assertThat("\uFF21".compareTo("\uD835\uDC00")).isPositive();
    assertThat(DirHash.compareUtf8("a", "ab")).isNegative();
    assertThat(DirHash.compareUtf8("ab", "ab")).isZero();
  }

  @Test
  void refusesToHashEntryThatLiesAboutItsSize() {
    TestZip zip = TestZip.create();
    zip.add(V2 + "a.go", "package a\n").declaredSize(4);
    Path file = zip.write(dir.resolve("lie.zip"));
    assertThatThrownBy(() -> DirHash.hashZip(file))
        .isInstanceOfSatisfying(
            ZipRuleException.class, e -> assertThat(e.rule().id()).isEqualTo("size-mismatch"));
  }

  private static String sha(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}

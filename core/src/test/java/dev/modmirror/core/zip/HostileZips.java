package dev.modmirror.core.zip;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.testdata.CaseTable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The table {@code tables/hostile.txt}: one field of a valid module zip ({@link #seed()}) changed,
 * and the rule that refuses the result. Run by {@link HostileZipTest} (our verdict) and {@link
 * ZipCasesGoIT} (Go's).
 */
final class HostileZips {
  static final ModuleRef REF = ModuleRef.of("example.com/m", "v1.0.0");
  private static final String P = "example.com/m@v1.0.0/";

  /** Field offsets and widths in the end record, central and local headers. */
  private static final Map<String, int[]> EOCD =
      Map.of(
          "signature", new int[] {0, 4},
          "disk", new int[] {4, 2},
          "cd-disk", new int[] {6, 2},
          "entries", new int[] {10, 2},
          "cd-size", new int[] {12, 4},
          "cd-offset", new int[] {16, 4},
          "comment-length", new int[] {20, 2});

  private static final Map<String, int[]> CEN =
      Map.of(
          "signature", new int[] {0, 4},
          "flags", new int[] {8, 2},
          "method", new int[] {10, 2},
          "crc", new int[] {16, 4},
          "compressed", new int[] {20, 4},
          "uncompressed", new int[] {24, 4},
          "name-length", new int[] {28, 2},
          "attributes", new int[] {38, 4},
          "offset", new int[] {42, 4});

  private static final Map<String, int[]> LOC =
      Map.of(
          "signature", new int[] {0, 4},
          "method", new int[] {8, 2},
          "crc", new int[] {14, 4},
          "compressed", new int[] {18, 4},
          "uncompressed", new int[] {22, 4},
          "name-length", new int[] {26, 2});

  private HostileZips() {}

  static List<CaseTable.Row> rows() {
    return CaseTable.read(HostileZips.class, "tables/hostile.txt");
  }

  /** The valid zip that each row damages (the table's comment lists its entries). */
  static byte[] seed() {
    TestZip seed = TestZip.create().with(P + "go.mod", "module example.com/m\n");
    seed.add(P + "a/b.go", "package b\n".repeat(50));
    seed.add(P + "c.txt", "stored text\n").stored();
    seed.dir(P + "d/");
    return seed.bytes();
  }

  /** The seed with the row's change applied. */
  /** The rule a row wants, without the message that it may name ({@code rule: message}). */
  static String rule(CaseTable.Row row) {
    return row.want().split(": ", 2)[0];
  }

  static byte[] damaged(CaseTable.Row row) {
    return damage(seed(), row.arg(0), row.arg(1));
  }

  /**
   * Applies {@code change} ({@code +N}, {@code =N}, {@code =end-N} (N bytes before the end of the
   * file), {@code ^N}; or {@code cut N}) to {@code field} ({@code eocd.<f>}, {@code cen[i].<f>},
   * {@code loc[i].<f>}).
   */
  static byte[] damage(byte[] zip, String field, String change) {
    if (field.equals("none")) {
      return zip;
    }
    if (field.equals("cut")) {
      int n = Integer.parseInt(change);
      return Arrays.copyOf(zip, n < 0 ? zip.length + n : n);
    }
    int eocd = zip.length - 22;
    int base;
    int[] f;
    String name = field.substring(field.indexOf('.') + 1);
    if (field.startsWith("eocd.")) {
      base = eocd;
      f = EOCD.get(name);
    } else {
      int i = Integer.parseInt(field.substring(field.indexOf('[') + 1, field.indexOf(']')));
      int cen = (int) get(zip, eocd + 16, 4);
      for (int k = 0; k < i; k++) {
        cen +=
            46
                + (int) get(zip, cen + 28, 2)
                + (int) get(zip, cen + 30, 2)
                + (int) get(zip, cen + 32, 2);
      }
      base = field.startsWith("cen") ? cen : (int) get(zip, cen + 42, 4);
      f = (field.startsWith("cen") ? CEN : LOC).get(name);
    }
    if (f == null) {
      throw new IllegalArgumentException("unknown field " + field);
    }
    byte[] out = zip.clone();
    long value = get(out, base + f[0], f[1]);
    String number = change.substring(1);
    long operand =
        number.startsWith("end-")
            ? zip.length - Long.decode(number.substring(4))
            : Long.decode(number);
    long changed =
        switch (change.charAt(0)) {
          case '+' -> value + operand;
          case '=' -> operand;
          case '^' -> value ^ operand;
          default -> throw new IllegalArgumentException("unknown change " + change);
        };
    for (int k = 0; k < f[1]; k++) {
      out[base + f[0] + k] = (byte) (changed >>> (8 * k));
    }
    return out;
  }

  private static long get(byte[] b, int at, int width) {
    long v = 0;
    for (int k = width - 1; k >= 0; k--) {
      v = v << 8 | (b[at + k] & 0xff);
    }
    return v;
  }
}

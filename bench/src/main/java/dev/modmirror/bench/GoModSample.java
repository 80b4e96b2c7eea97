package dev.modmirror.bench;

import java.util.Locale;

/**
 * A realistic go.mod of about 200 lines, generated deterministically: module and go lines, a
 * toolchain, a block of direct requirements, a larger block of {@code // indirect} ones (with
 * pseudo-versions and {@code +incompatible}), replaces (module and directory), excludes, retracts
 * and comments, shaped like the go.mod of a mid-sized service.
 */
final class GoModSample {
  private GoModSample() {}

  static String text() {
    StringBuilder b = new StringBuilder(16 << 10);
    b.append("// Service go.mod used by the parse benchmark.\n");
    b.append("module github.com/example-org/payments-service/v3\n\ngo 1.22.4\n\n");
    b.append("toolchain go1.22.5\n\n");
    b.append("require (\n");
    for (int i = 0; i < 40; i++) {
      b.append(
          String.format(Locale.ROOT, "\tgithub.com/org%02d/lib-%02d v1.%d.%d%n", i, i, i, i % 7));
    }
    b.append(")\n\nrequire (\n");
    for (int i = 0; i < 130; i++) {
      String host =
          i % 4 == 0
              ? String.format(Locale.ROOT, "golang.org/x/pkg%03d", i)
              : String.format(Locale.ROOT, "github.com/Vendor%02d/indirect-%03d", i % 17, i);
      String requirement =
          switch (i % 5) {
            case 0 ->
                String.format(
                    Locale.ROOT,
                    "%s v0.0.0-2024%02d%02d%06d-%012x",
                    host,
                    i % 12 + 1,
                    i % 28 + 1,
                    i,
                    0xabcdef000000L + i);
            case 1 -> String.format(Locale.ROOT, "%s v%d.0.0+incompatible", host, i % 9 + 2);
            case 2 -> String.format(Locale.ROOT, "%s v1.%d.0-rc.%d", host, i, i % 3 + 1);
            case 3 -> String.format(Locale.ROOT, "%s/v%d v%d.%d.1", host, i % 3 + 2, i % 3 + 2, i);
            default -> String.format(Locale.ROOT, "%s v0.%d.%d", host, i, i % 11);
          };
      b.append('\t').append(requirement).append(" // indirect\n");
    }
    b.append(")\n\n// Local forks while upstream fixes land.\nreplace (\n");
    for (int i = 0; i < 8; i++) {
      b.append(
          String.format(
              Locale.ROOT, "\tgithub.com/org%02d/lib-%02d => ../forks/lib-%02d%n", i, i, i));
    }
    b.append(
        "\tgithub.com/org09/lib-09 v1.9.2 => github.com/example-org/lib-09-fork v1.9.3-fix.1\n");
    b.append(")\n\nexclude github.com/org10/lib-10 v1.3.0\n");
    b.append("exclude github.com/org11/lib-11 v1.0.1\n\n");
    b.append("retract (\n\tv3.0.1 // Published with a broken go.sum.\n");
    b.append("\t[v3.1.0, v3.1.4] // Data race in the ledger client.\n)\n");
    return b.toString();
  }
}

package dev.modmirror.fuzz;

/**
 * A module zip with more entries than a 16-bit count holds, written without zip64 records. The
 * entries are empty directories, so that the go command's extraction writes no files.
 */
public final class ManyEntries {
  private ManyEntries() {}

  public static Case zip(int files) {
    String p = "example.com/m@v1.0.0/";
    ZipForge z = new ZipForge();
    for (int i = 0; i < files; i++) {
      ZipForge.Entry e = new ZipForge.Entry(p + "d" + i / 1000 + "/e" + i + "/", new byte[0]);
      e.method = 0;
      z.entries.add(e);
    }
    return Case.zip("example.com/m", "v1.0.0", z);
  }
}

package dev.modmirror.gotool;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Go toolchain release as {@code go version} names it ({@code go1.19.8}, {@code go1.26.8}, {@code
 * go1.21rc2}), so that interop tests can follow the go command where its behaviour changed between
 * releases instead of pinning one release's verdict.
 *
 * @param minor the minor release of Go 1 ({@code 26} for go1.26.8)
 * @param patch the patch release; 0 for {@code go1.20} and for pre-releases
 */
public record GoRelease(int minor, int patch) {
  private static final Pattern VERSION = Pattern.compile("\\bgo1\\.(\\d+)(?:\\.(\\d+))?");

  /**
   * Reads the release from {@code go version} output ({@code go version go1.26.8 linux/amd64}).
   *
   * @throws IllegalArgumentException if the text names no Go 1 release
   */
  public static GoRelease parse(String goVersionOutput) {
    Matcher m = VERSION.matcher(goVersionOutput);
    if (!m.find()) {
      throw new IllegalArgumentException("no go1.N release in: " + goVersionOutput);
    }
    int patch = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    return new GoRelease(Integer.parseInt(m.group(1)), patch);
  }

  /** True from go1.{@code minor} on (go1.20rc1 counts as go1.20). */
  public boolean atLeast(int minor) {
    return this.minor >= minor;
  }

  @Override
  public String toString() {
    return "go1." + minor + "." + patch;
  }
}

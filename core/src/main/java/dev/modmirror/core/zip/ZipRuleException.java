package dev.modmirror.core.zip;

import dev.modmirror.core.error.InvalidInputException;

/**
 * A module zip broke a named rule; nothing of it may be stored.
 *
 * <p>Rule names (stable, used in failure events and metrics):
 *
 * <ul>
 *   <li>module: {@code invalid-module-path}, {@code non-canonical-version}, {@code
 *       major-version-mismatch}
 *   <li>archive structure: {@code not-a-zip}, {@code truncated} (file cut short: no end record,
 *       directory or data past the end, deflate stream without its end), {@code zip-too-large},
 *       {@code local-header-mismatch}, {@code central-directory-mismatch} (java.util.zip
 *       disagrees), {@code overlapping-entries}, {@code unsupported-entry} (encrypted or not
 *       stored/deflated), {@code corrupt-entry}
 *   <li>names: {@code wrong-prefix}, {@code zip-slip} ({@code ..}, absolute, backslash, colon),
 *       {@code path-not-clean}, {@code invalid-file-path}, {@code case-collision}, {@code
 *       duplicate-entry}, {@code file-and-directory}, {@code go-mod-not-at-root}, {@code
 *       go-mod-case}
 *   <li>types: {@code symlink}, {@code not-regular-file}, {@code directory-with-content}
 *   <li>sizes: {@code uncompressed-too-large} (declared total), {@code go-mod-too-large}, {@code
 *       license-too-large}, {@code size-mismatch} (real bytes differ from the declared size: lying
 *       headers, bombs), {@code crc-mismatch}
 * </ul>
 */
public final class ZipRuleException extends InvalidInputException {
  private static final long serialVersionUID = 1L;
  private final String rule;

  public ZipRuleException(String rule, String message, String module, String version) {
    super("zip rule " + rule + ": " + message, module, version);
    this.rule = rule;
  }

  /** A short stable rule name, e.g. {@code wrong-prefix}, {@code case-collision}. */
  public String rule() {
    return rule;
  }
}

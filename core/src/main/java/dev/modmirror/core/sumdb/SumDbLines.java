package dev.modmirror.core.sumdb;

import dev.modmirror.core.module.ModuleRef;
import java.util.Optional;

/**
 * The checksum database's hashes for one module version, proven to be in its log.
 *
 * @param ref the module version
 * @param zipHash the h1 of the module zip
 * @param goModHash the h1 of its go.mod
 */
public record SumDbLines(ModuleRef ref, String zipHash, String goModHash) {
  /**
   * The hashes a record holds for {@code ref}, read as the go command reads them (x/mod {@code
   * Client.Lookup} keeps the lines for the version, cmd/go {@code checkSumDB} decides on the first
   * {@code h1:} line): with two lines for the same module, the first counts.
   *
   * @throws SumDbException (wrong record) if the record has no h1 line for the zip or the go.mod
   */
  public static SumDbLines fromRecord(ModuleRef ref, String text) {
    Optional<String> zip = firstHash(ref, false, text);
    Optional<String> mod = firstHash(ref, true, text);
    if (zip.isEmpty() || mod.isEmpty()) {
      throw new SumDbException(
          SumDbException.Rule.WRONG_RECORD,
          "record lacks go.sum lines for " + ref + ":\n" + text,
          ref.path().value(),
          ref.version().value());
    }
    return new SumDbLines(ref, zip.get(), mod.get());
  }

  /** The hash of the first {@code M V h1:} (or {@code M V/go.mod h1:}) line; empty if none. */
  public static Optional<String> firstHash(ModuleRef ref, boolean goMod, String text) {
    String prefix =
        ref.path().value() + " " + ref.version().value() + (goMod ? "/go.mod" : "") + " h1:";
    for (String line : text.split("\n", -1)) {
      if (line.startsWith(prefix)) {
        return Optional.of(line.substring(prefix.length() - "h1:".length()));
      }
    }
    return Optional.empty();
  }

  /** The go.sum line {@code M V h1:…}. */
  public String zipLine() {
    return ref.path().value() + " " + ref.version().value() + " " + zipHash;
  }

  /** The go.sum line {@code M V/go.mod h1:…}. */
  public String goModLine() {
    return ref.path().value() + " " + ref.version().value() + "/go.mod " + goModHash;
  }
}

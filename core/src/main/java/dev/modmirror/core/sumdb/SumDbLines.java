package dev.modmirror.core.sumdb;

import dev.modmirror.core.module.ModuleRef;

/**
 * The checksum database's hashes for one module version, proven to be in its log.
 *
 * @param ref the module version
 * @param zipHash the h1 of the module zip
 * @param goModHash the h1 of its go.mod
 */
public record SumDbLines(ModuleRef ref, String zipHash, String goModHash) {
  /** The go.sum line {@code M V h1:…}. */
  public String zipLine() {
    return ref.path().value() + " " + ref.version().value() + " " + zipHash;
  }

  /** The go.sum line {@code M V/go.mod h1:…}. */
  public String goModLine() {
    return ref.path().value() + " " + ref.version().value() + "/go.mod " + goModHash;
  }
}

package dev.modmirror.core.auth;

import dev.modmirror.core.error.InvalidInputException;
import java.util.Objects;

/**
 * One stored token: its id, role, hash and the modules it may act on.
 *
 * @param id names the token in logs and files ({@code [a-z0-9][a-z0-9._-]{0,63}}); not secret
 * @param role what it may do
 * @param hash the SHA-256 of the token, 32 bytes
 * @param modules GOPRIVATE-style globs: when set, the token may act only on matching modules,
 *     private ones included; when empty, on every public module and no private one
 */
public record TokenEntry(String id, Role role, byte[] hash, String modules) {
  public TokenEntry {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(modules, "modules");
    if (id == null || !id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
      throw new InvalidInputException("token id must be [a-z0-9._-], 1-64 chars, lower case first");
    }
    if (hash == null || hash.length != 32) {
      throw new InvalidInputException("token " + id + ": hash must be 32 bytes of SHA-256");
    }
    hash = hash.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  /** Reads the hash without copying, for the verifier's loop. */
  byte[] hashView() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenEntry e
        && e.id.equals(id)
        && e.role == role
        && java.util.Arrays.equals(e.hash, hash)
        && e.modules.equals(modules);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, role, java.util.Arrays.hashCode(hash), modules);
  }

  /** Id, role and modules; never the hash. */
  @Override
  public String toString() {
    return "TokenEntry[id=" + id + ", role=" + role.label() + ", modules=" + modules + "]";
  }
}

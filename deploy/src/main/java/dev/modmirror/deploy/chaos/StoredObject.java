package dev.modmirror.deploy.chaos;

import java.util.Map;
import java.util.Objects;

/**
 * One object as read back from a bucket: its key, the SHA-256 of its bytes and its user metadata
 * (for an {@code .info}: the hashes recorded with the version), names lower case.
 */
record StoredObject(String key, String sha256, Map<String, String> metadata) {
  StoredObject {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sha256, "sha256");
    metadata = Map.copyOf(metadata);
  }
}

package dev.modmirror.deploy;

import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ListedKey;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.TreeKey;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.embedded.module.BuiltModule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the replicator's tests compare: a version written to the primary as the warmer writes it
 * (with the {@link VersionWarmed} it would publish), a bucket's tree under a prefix by content, and
 * the versions of a tree whose objects and {@code .info} do not go together.
 */
public final class ReplicaAudit {
  private ReplicaAudit() {}

  /**
   * Writes {@code m} to {@code primary} as the warmer does ({@code .mod}, {@code .zip}, {@code
   * .info} last with its hashes) and returns the event the warmer would publish.
   */
  public static VersionWarmed warm(ModuleStore primary, BuiltModule m, Instant at) {
    VersionHashes hashes = hashes(m);
    primary.put(m.ref(), Artifact.MOD, new ByteArrayInputStream(m.mod()), m.mod().length);
    primary.put(m.ref(), Artifact.ZIP, new ByteArrayInputStream(m.zip()), m.zip().length);
    primary.createInfo(m.ref(), m.info(), hashes);
    primary.rebuildList(m.ref().path());
    return VersionWarmed.of(m.ref(), hashes.h1(), hashes.goModH1(), m.zip().length, at);
  }

  /** The go command's hashes of {@code m}. */
  public static VersionHashes hashes(BuiltModule m) {
    try {
      Path zip = Files.createTempFile("audit-h1-", ".zip");
      try {
        Files.write(zip, m.zip());
        return new VersionHashes(DirHash.hashZip(zip), DirHash.hashGoMod(m.mod()));
      } finally {
        Files.delete(zip);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every key under {@code prefix} with the SHA-256 of its bytes: two trees are equal when they
   * hold the same keys with the same content (entity tags differ with how an object was uploaded).
   */
  public static Map<String, String> contents(ModuleStore store, String prefix) {
    Map<String, String> tree = new TreeMap<>();
    for (Iterator<ListedKey> it = store.listKeys(prefix); it.hasNext(); ) {
      ListedKey key = it.next();
      tree.put(key.key(), key.size() + " " + sha256(store, key.key()));
    }
    return tree;
  }

  /**
   * The versions under {@code prefix} whose {@code .mod}, {@code .zip} and {@code .info} are not
   * all present or all absent, each with what it has: {@code a.example/m/@v/v1.0.0 [.zip]}.
   */
  public static List<String> torn(ModuleStore store, String prefix) {
    Map<String, Set<String>> versions = new TreeMap<>();
    for (Iterator<ListedKey> it = store.listKeys(prefix); it.hasNext(); ) {
      String key = it.next().key();
      for (Artifact artifact : Artifact.values()) {
        String ext = artifact.extension();
        if (key.endsWith(ext)) {
          String version = key.substring(0, key.length() - ext.length());
          versions.computeIfAbsent(version, v -> new TreeSet<>()).add(ext);
        }
      }
    }
    List<String> torn = new ArrayList<>();
    versions.forEach(
        (version, has) -> {
          if (has.size() != Artifact.values().length) {
            torn.add(version + " " + has);
          }
        });
    return torn;
  }

  private static String sha256(ModuleStore store, String key) {
    TreeKey parsed =
        TreeKey.parse(key).orElseThrow(() -> new AssertionError("not a tree key: " + key));
    InputStream opened =
        parsed.isList()
            ? new ByteArrayInputStream(
                store.readList(parsed.path()).orElse("").getBytes(StandardCharsets.UTF_8))
            : store.open(parsed.ref(), parsed.artifact()).orElseThrow();
    try (InputStream in = opened) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

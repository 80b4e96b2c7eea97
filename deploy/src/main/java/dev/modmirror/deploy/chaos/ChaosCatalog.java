package dev.modmirror.deploy.chaos;

import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The module versions a chaos run can request, generated from its seed: four versions per module
 * (so {@code @v/list} is rebuilt under concurrent saves), zips mostly of a few KiB of random bytes,
 * one in ten a few hundred KiB and one in a hundred 3 MiB (uploaded in parts). Canary versions,
 * kept apart, measure recovery and are never broken by the upstream. Held in memory: a ten-minute
 * run needs about 1,300 versions, some 60 MiB.
 */
final class ChaosCatalog {
  /** One version: what the upstream serves and its true hashes. */
  record Version(ModuleRef ref, byte[] zip, byte[] mod, byte[] info, Expected expected) {}

  private final List<Version> load;
  private final List<Version> canaries;
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final Map<ModuleRef, Expected> expected = new LinkedHashMap<>();
  private final String prefix;

  private ChaosCatalog(String prefix, List<Version> load, List<Version> canaries) {
    this.prefix = prefix;
    this.load = List.copyOf(load);
    this.canaries = List.copyOf(canaries);
    for (Version v : load) {
      index(v);
    }
    for (Version v : canaries) {
      index(v);
    }
  }

  /**
   * Generates {@code count} versions of the load and {@code canaryCount} canaries.
   *
   * @param scratch a directory for the zips while their h1 is computed
   */
  static ChaosCatalog generate(long seed, int count, int canaryCount, Path scratch) {
    String prefix = "chaos.example/r" + Long.toUnsignedString(seed, 36);
    Random random = new Random(seed);
    List<Version> load = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      load.add(version(prefix + "/m" + i / 4, "v1.0." + i % 4, size(random), random, scratch));
    }
    List<Version> canaries = new ArrayList<>();
    for (int i = 0; i < canaryCount; i++) {
      canaries.add(version(prefix + "/canary" + i, "v1.0.0", 2048, random, scratch));
    }
    return new ChaosCatalog(prefix, load, canaries);
  }

  /** The load's versions, in the order they are requested. */
  List<Version> load() {
    return load;
  }

  List<Version> canaries() {
    return canaries;
  }

  /** The module path prefix of this run's versions ({@code chaos.example/r<seed>}). */
  String prefix() {
    return prefix;
  }

  /** True for a canary version, which the upstream never breaks. */
  boolean canary(ModuleRef ref) {
    return ref.modulePath().startsWith(prefix + "/canary");
  }

  /** The bytes served at {@code key} ({@code <module>/@v/<version>.<ext>} or {@code @v/list}). */
  Optional<byte[]> file(String key) {
    return Optional.ofNullable(files.get(key));
  }

  /** Every version with its true hashes. */
  Map<ModuleRef, Expected> expected() {
    return expected;
  }

  private void index(Version v) {
    files.put(ObjectKeys.artifact(v.ref(), Artifact.INFO), v.info());
    files.put(ObjectKeys.artifact(v.ref(), Artifact.MOD), v.mod());
    files.put(ObjectKeys.artifact(v.ref(), Artifact.ZIP), v.zip());
    String list = ObjectKeys.list(v.ref().path());
    String listed =
        new String(files.getOrDefault(list, new byte[0]), java.nio.charset.StandardCharsets.UTF_8);
    files.put(
        list,
        (listed + v.ref().moduleVersion() + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    expected.put(v.ref(), v.expected());
  }

  private static int size(Random random) {
    int dice = random.nextInt(100);
    if (dice == 0) {
      return 3 << 20;
    }
    if (dice < 10) {
      return (64 + random.nextInt(448)) << 10;
    }
    return (1 + random.nextInt(24)) << 10;
  }

  private static Version version(
      String path, String version, int payloadBytes, Random random, Path scratch) {
    byte[] payload = new byte[payloadBytes];
    random.nextBytes(payload);
    String name = path.substring(path.lastIndexOf('/') + 1);
    BuiltModule module =
        ModuleBuilder.module(path)
            .version(version)
            .time(ModuleBuilder.DEFAULT_TIME)
            .goMod("module " + path + "\n\ngo 1.21\n")
            .file(name + ".go", "package " + name + "\n")
            .file("data/payload.bin", payload)
            .build();
    Expected expected =
        new Expected(
            module.ref(),
            sha256(module.zip()),
            sha256(module.mod()),
            sha256(module.info()),
            h1(module.zip(), scratch),
            DirHash.hashGoMod(module.mod()));
    return new Version(module.ref(), module.zip(), module.mod(), module.info(), expected);
  }

  private static String h1(byte[] zip, Path scratch) {
    try {
      Files.createDirectories(scratch);
      Path file = Files.createTempFile(scratch, "catalog-", ".zip");
      try {
        Files.write(file, zip);
        return DirHash.hashZip(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash a generated zip under " + scratch, e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

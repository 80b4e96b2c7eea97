package dev.modmirror.embedded.module;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds one synthetic module version, deterministically: the same inputs give the same bytes
 * (sorted entries, fixed entry times). Defaults: version {@code v1.0.0}, go.mod {@code module
 * <path>\n}, time 2026-01-01T00:00:00Z. The zip holds {@code <path>@<version>/go.mod} plus the
 * given files, under the real (unescaped) path as Go's zips do.
 *
 * <p>Negative tests break it on purpose: {@link #rawEntry} adds an entry under any name (no prefix,
 * duplicates allowed), {@link #rawZip} replaces the zip bytes, {@link #rawInfo} the info bytes,
 * {@link #withoutGoModInZip} leaves go.mod out of the zip.
 *
 * <pre>{@code
 * BuiltModule m = ModuleBuilder.module("example.com/a").version("v1.2.0")
 *     .file("a.go", "package a\n").build();
 * }</pre>
 */
public final class ModuleBuilder {
  /** The default {@code .info} time. */
  public static final Instant DEFAULT_TIME = Instant.parse("2026-01-01T00:00:00Z");

  private final ModulePath path;
  private ModuleVersion version = ModuleVersion.of("v1.0.0");
  private String goMod;
  private Instant time = DEFAULT_TIME;
  private final Map<String, byte[]> files = new TreeMap<>();
  private final List<Map.Entry<String, byte[]>> rawEntries = new ArrayList<>();
  private boolean goModInZip = true;
  private byte[] rawZip;
  private byte[] rawInfo;

  private ModuleBuilder(ModulePath path) {
    this.path = path;
  }

  /**
   * Starts a module.
   *
   * @throws dev.modmirror.core.error.InvalidInputException if the path is not a valid module path
   */
  public static ModuleBuilder module(String path) {
    return new ModuleBuilder(ModulePath.of(path));
  }

  /**
   * @throws dev.modmirror.core.error.InvalidInputException if not a canonical version
   */
  public ModuleBuilder version(String version) {
    this.version = ModuleVersion.of(version);
    return this;
  }

  /** Adds or replaces a file, named relative to the module root ({@code sub/b.go}). */
  public ModuleBuilder file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds or replaces a file, named relative to the module root. */
  public ModuleBuilder file(String name, byte[] content) {
    files.put(name, content.clone());
    return this;
  }

  /** The go.mod content, served as {@code .mod} and put in the zip. */
  public ModuleBuilder goMod(String content) {
    this.goMod = content;
    return this;
  }

  /** The time in {@code .info}. */
  public ModuleBuilder time(Instant time) {
    this.time = time;
    return this;
  }

  /** Adds an entry with exactly this name (no prefix), after the regular ones; may repeat names. */
  public ModuleBuilder rawEntry(String entryName, String content) {
    return rawEntry(entryName, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds an entry with exactly this name (no prefix), after the regular ones; may repeat names. */
  public ModuleBuilder rawEntry(String entryName, byte[] content) {
    rawEntries.add(Map.entry(entryName, content.clone()));
    return this;
  }

  /** Serves these bytes as the zip instead of building one. */
  public ModuleBuilder rawZip(byte[] zip) {
    this.rawZip = zip.clone();
    return this;
  }

  /** Serves this text as {@code .info} instead of the generated JSON. */
  public ModuleBuilder rawInfo(String info) {
    this.rawInfo = info.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  /** Leaves {@code go.mod} out of the zip (it is still served as {@code .mod}). */
  public ModuleBuilder withoutGoModInZip() {
    this.goModInZip = false;
    return this;
  }

  /** Builds the three artifacts. */
  public BuiltModule build() {
    ModuleRef ref = new ModuleRef(path, version);
    byte[] mod =
        (goMod != null ? goMod : "module " + path.value() + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] zip = rawZip != null ? rawZip : zip(ref, mod);
    byte[] info = rawInfo != null ? rawInfo : info(version, time);
    return new BuiltModule(ref, zip, mod, info);
  }

  /** The {@code .info} JSON Go expects: {@code {"Version":"v1.0.0","Time":"…"}}. */
  public static byte[] info(ModuleVersion version, Instant time) {
    return ("{\"Version\":\"" + version.value() + "\",\"Time\":\"" + time + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private byte[] zip(ModuleRef ref, byte[] mod) {
    String prefix = ref.key() + "/";
    Map<String, byte[]> entries = new TreeMap<>();
    files.forEach((name, content) -> entries.put(prefix + name, content));
    if (goModInZip) {
      entries.put(prefix + "go.mod", mod);
    }
    ZipWriter writer = new ZipWriter();
    entries.forEach(writer::add);
    rawEntries.forEach(e -> writer.add(e.getKey(), e.getValue()));
    return writer.finish();
  }
}

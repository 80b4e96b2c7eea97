package dev.modmirror.embedded.module;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ObjectKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * One module version as a GOPROXY serves it. The arrays are the exact bytes to serve and are not
 * copied: do not modify them.
 *
 * @param ref the module version
 * @param zip the {@code .zip} bytes
 * @param mod the {@code .mod} bytes
 * @param info the {@code .info} bytes, JSON {@code {"Version","Time"}}
 */
public record BuiltModule(ModuleRef ref, byte[] zip, byte[] mod, byte[] info) {
  public BuiltModule {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(zip, "zip");
    Objects.requireNonNull(mod, "mod");
    Objects.requireNonNull(info, "info");
  }

  /**
   * Writes this version into a GOPROXY tree ({@code GOPROXY=file://<root>}): {@code <escaped
   * path>/@v/<escaped version>.{mod,zip,info}} ({@code .info} last) and appends the version to
   * {@code @v/list} unless it is already listed.
   *
   * @return the {@code @v} directory
   * @throws UncheckedIOException if a file cannot be written
   */
  public Path writeTo(Path root) {
    Path dir = root.resolve(ObjectKeys.versionDirectory(ref.path()));
    try {
      Files.createDirectories(dir);
      Files.write(root.resolve(ObjectKeys.artifact(ref, Artifact.MOD)), mod);
      Files.write(root.resolve(ObjectKeys.artifact(ref, Artifact.ZIP)), zip);
      Files.write(root.resolve(ObjectKeys.artifact(ref, Artifact.INFO)), info);
      appendToList(root.resolve(ObjectKeys.list(ref.path())));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + ref + " under " + root, e);
    }
  }

  private void appendToList(Path list) throws IOException {
    String version = ref.version().value();
    if (Files.exists(list)
        && Files.readAllLines(list, StandardCharsets.UTF_8).stream().anyMatch(version::equals)) {
      return;
    }
    Files.writeString(
        list,
        version + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BuiltModule other
        && ref.equals(other.ref)
        && Arrays.equals(zip, other.zip)
        && Arrays.equals(mod, other.mod)
        && Arrays.equals(info, other.info);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ref, Arrays.hashCode(zip), Arrays.hashCode(mod), Arrays.hashCode(info));
  }

  @Override
  public String toString() {
    return "BuiltModule[" + ref + ", zip " + zip.length + " bytes]";
  }
}

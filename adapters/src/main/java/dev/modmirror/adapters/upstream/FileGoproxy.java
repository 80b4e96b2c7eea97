package dev.modmirror.adapters.upstream;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.upstream.Upstream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A GOPROXY tree on disk, as {@code GOPROXY=file:///dir} reads it ({@code
 * $GOMODCACHE/cache/download} is one). Paths are built from checked, case-encoded module paths and
 * versions, and are verified to stay below the root after normalization all the same. A missing
 * file is not-found; a file above the size cap or unreadable is permanent; other I/O failures are
 * transient.
 */
public final class FileGoproxy implements Upstream {
  private final Path root;
  private final UpstreamConfig config;

  /**
   * @param base a {@code file:} URL with nothing but an absolute path
   * @throws InvalidInputException if it is not one
   */
  public FileGoproxy(URI base, UpstreamConfig config) {
    if (!"file".equalsIgnoreCase(base.getScheme()) || base.getRawAuthority() != null) {
      throw new InvalidInputException("not a file:// GOPROXY URL with only a path: " + base);
    }
    this.root = Path.of(base.getPath()).toAbsolutePath().normalize();
    this.config = config;
  }

  /** A tree rooted at a directory. */
  public static FileGoproxy at(Path root, UpstreamConfig config) {
    return new FileGoproxy(root.toAbsolutePath().toUri(), config);
  }

  @Override
  public InputStream open(ModuleRef ref, Artifact artifact) {
    long cap = artifact == Artifact.ZIP ? config.maxZipBytes() : config.maxSmallBytes();
    return openFile(
        ObjectKeys.artifact(ref, artifact), cap, ref.path().value(), ref.version().value());
  }

  @Override
  public List<ModuleVersion> list(ModulePath path) {
    String relative = ObjectKeys.list(path);
    return VersionList.read(
        openFile(relative, config.maxSmallBytes(), path.value(), null), describe() + relative);
  }

  @Override
  public ModuleVersion latest(ModulePath path) {
    String relative = ObjectKeys.latest(path);
    return VersionList.latest(
        openFile(relative, config.maxSmallBytes(), path.value(), null), describe() + relative);
  }

  @Override
  public String describe() {
    return root.toUri().toString();
  }

  @Override
  public String toString() {
    return "FileGoproxy[" + describe() + "]";
  }

  /** The file for a relative GOPROXY path; refuses anything that would land outside the root. */
  Path resolve(String relative, String module, String version) {
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw new PermanentException(
          "refused path outside the GOPROXY root " + root + ": " + relative, module, version);
    }
    return file;
  }

  private InputStream openFile(String relative, long cap, String module, String version) {
    Path file = resolve(relative, module, version);
    try {
      if (!Files.isRegularFile(file)) {
        throw new NotFoundException("not found: " + file, module, version);
      }
      long size = Files.size(file);
      if (size > cap) {
        throw new PermanentException(
            file + " has " + size + " bytes, above the size cap of " + cap, module, version);
      }
      // Capped again while reading: the file may grow between the check and the read.
      return new BoundedBody(
          Files.newInputStream(file), cap, -1, file.toString(), module, version, null);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("not found: " + file, module, version, e);
    } catch (AccessDeniedException e) {
      throw new PermanentException(
          "cannot read " + file + ": permission denied", module, version, e);
    } catch (IOException e) {
      throw new TransientException("cannot read " + file + ": " + e, module, version, e);
    }
  }
}

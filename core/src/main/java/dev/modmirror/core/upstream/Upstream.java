package dev.modmirror.core.upstream;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import java.io.InputStream;
import java.util.List;

/**
 * A source of module versions speaking the GOPROXY protocol (an HTTP proxy, a {@code file://} tree,
 * or a GOPROXY list of them). Responses are streamed and size-capped; nothing is buffered whole.
 */
public interface Upstream {

  /**
   * Opens one artifact. The caller closes the stream. Reading past the configured size cap, or a
   * body shorter than its declared length, throws from the stream's read methods.
   *
   * @throws NotFoundException on 404/410 (or a missing file)
   * @throws TransientException on timeouts, 5xx, 429 and connection failures
   * @throws PermanentException on other unusable answers (e.g. a redirect to another scheme)
   * @throws InvalidInputException never for the request itself: refs are valid by construction
   */
  InputStream open(ModuleRef ref, Artifact artifact);

  /**
   * The versions listed by {@code $module/@v/list}, in Go's order.
   *
   * @return an empty list if the upstream has the module but lists nothing
   * @throws NotFoundException if the upstream does not know the module
   */
  List<ModuleVersion> list(ModulePath path);

  /**
   * The version {@code $module/@latest} names: for a module with no tagged version, its newest
   * pseudo-version. Read by the nightly prefetch when {@code @v/list} is empty.
   *
   * @throws NotFoundException if the upstream does not know the module or serves no {@code
   *     @latest} (the default for upstreams that cannot answer it)
   * @throws TransientException on timeouts, 5xx, 429 and connection failures
   */
  default ModuleVersion latest(ModulePath path) {
    throw new NotFoundException(describe() + " serves no @latest", path.value(), null);
  }

  /** Where this upstream points, without credentials, for logs and span attributes. */
  String describe();
}

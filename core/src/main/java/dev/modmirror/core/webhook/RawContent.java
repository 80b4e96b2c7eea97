package dev.modmirror.core.webhook;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import java.net.URI;
import java.util.Optional;

/** Reads one small file (a go.mod) from a repository host's raw-content URL. */
public interface RawContent {

  /**
   * @return empty on 404 (the commit has no such file)
   * @throws TransientException on timeouts, 5xx, connection failures
   * @throws PermanentException on other answers or a file over the size cap
   */
  Optional<String> fetch(URI url);
}

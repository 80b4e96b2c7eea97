package dev.modmirror.core.auth;

import dev.modmirror.core.error.InvalidInputException;
import java.util.Locale;

/**
 * What a token may do. Each role includes the ones below it: an admin may do what a developer may,
 * a developer what a reader may.
 */
public enum Role {
  /** Read the mirror (serve) and its health. */
  READER,
  /** Ask for versions to be warmed, see status (upstreams, demand). */
  DEVELOPER,
  /** Purge, replay dead letters, reconcile, reload configuration. */
  ADMIN;

  /** Whether this role may do what {@code required} may. */
  public boolean includes(Role required) {
    return ordinal() >= required.ordinal();
  }

  /** The name as written in token files and on the command line: {@code reader}… */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws InvalidInputException naming the roles there are
   */
  public static Role parse(String text) {
    for (Role r : values()) {
      if (r.label().equals(text)) {
        return r;
      }
    }
    throw new InvalidInputException("unknown role '" + text + "': reader, developer or admin");
  }
}

package dev.modmirror.core.sumdb;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.module.ModuleRef;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Decides, as the go command does, whether a module version is checked against the checksum
 * database (GOSUMDB, GONOSUMDB/GOPRIVATE) and checks it. The warmer calls this before anything is
 * stored, so a mirror never keeps bytes that the database contradicts.
 */
public final class ChecksumPolicy {
  private final SumDbSettings settings;
  private final Supplier<SumDbClient> connect;
  private volatile SumDbClient client;

  private ChecksumPolicy(SumDbSettings settings, Supplier<SumDbClient> connect) {
    this.settings = settings;
    this.connect = connect;
  }

  /** Checks nothing ({@code GOSUMDB=off}). */
  public static ChecksumPolicy off() {
    return new ChecksumPolicy(SumDbSettings.parse("off", ""), () -> null);
  }

  /**
   * @param connect builds the client on first use, so an unreachable database at start-up is a
   *     per-version transient failure, not a crash loop; it may throw and is then tried again
   */
  public static ChecksumPolicy of(SumDbSettings settings, Supplier<SumDbClient> connect) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(connect, "connect");
    return new ChecksumPolicy(settings, connect);
  }

  /**
   * Whether {@link #check} consults the checksum database for {@code ref}: false for {@code
   * GOSUMDB=off} and for modules matching GONOSUMDB/GOPRIVATE, whose hashes nothing outside the
   * upstream vouches for.
   */
  public boolean covers(ModuleRef ref) {
    return !settings.off() && settings.covers(ref.path().value());
  }

  /**
   * Checks one version's hashes.
   *
   * @return what was done (its {@link ChecksumOutcome#label()} goes on spans and logs)
   * @throws SumDbException if the database contradicts the hashes or misbehaves
   * @throws PermanentException if the database has no record of the version
   * @throws dev.modmirror.core.error.TransientException if the database cannot be reached
   */
  public ChecksumOutcome check(ModuleRef ref, String zipH1, String goModH1) {
    if (settings.off()) {
      return new ChecksumOutcome.Off();
    }
    if (!settings.covers(ref.path().value())) {
      return new ChecksumOutcome.Exempt();
    }
    SumDbClient db = client();
    try {
      return new ChecksumOutcome.Verified(db.name(), db.verify(ref, zipH1, goModH1));
    } catch (NotFoundException e) {
      // The upstream served it but the database does not know it: not a missing version, a
      // version we cannot vouch for.
      throw new PermanentException(
          "checksum database " + db.name() + " has no record of " + ref + ": " + e.getMessage(),
          ref,
          e);
    }
  }

  private SumDbClient client() {
    SumDbClient current = client;
    if (current == null) {
      synchronized (this) {
        if (client == null) {
          client = Objects.requireNonNull(connect.get(), "checksum database client");
        }
        current = client;
      }
    }
    return current;
  }
}

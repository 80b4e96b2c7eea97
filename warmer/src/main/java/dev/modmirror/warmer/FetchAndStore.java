package dev.modmirror.warmer;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.Retry;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.gomod.GoModCheck;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.hash.VerifiedZip;
import dev.modmirror.core.io.Bounded;
import dev.modmirror.core.io.Spool;
import dev.modmirror.core.module.InfoFile;
import dev.modmirror.core.module.ModuleLimits;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.SaveOutcome;
import dev.modmirror.core.store.StoredVersions;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.core.sumdb.ChecksumOutcome;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.core.sumdb.SumDbException;
import dev.modmirror.core.telemetry.Spans;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.core.upstream.Upstream;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one module version. First the primary is read back ({@link StoredVersions}): a
 * version complete there whose stored bytes still hash to its recorded hashes is present. If the
 * checksum database covers the module and vouches for the recorded hashes, it ends already-present
 * without fetching anything. A module the database does not cover (GONOSUMDB, GOPRIVATE, {@code
 * GOSUMDB=off}) has no other witness than its upstream, so its upstream is fetched and compared
 * through {@link ModuleStore#save}: the same hashes end already-present, other ones a conflict,
 * and nothing is written either way; an upstream that cannot be compared (gone, down, broken)
 * leaves the present version present.
 *
 * <p>Otherwise fetch {@code .info}, {@code .mod} and {@code .zip} (the zip spooled to disk, never
 * held in memory), verify, and store the whole version in one {@link ModuleStore#save} ({@code
 * .info} last), or, for a complete version found damaged, {@link ModuleStore#repair} it with bytes
 * of its recorded hashes. Once the {@code .info} is written the version is warmed: only the {@code
 * @v/list} rebuild is retried after that.
 */
final class FetchAndStore {
  private static final Logger LOG = LoggerFactory.getLogger(FetchAndStore.class);

  private final Upstream upstream;
  private final ModuleStore primary;
  private final Tracer tracer;
  private final WarmerConfig config;
  private final ChecksumPolicy checksums;
  private final StoredVersions stored;
  private final Retry listRetry;

  FetchAndStore(
      Upstream upstream,
      ModuleStore primary,
      ChecksumPolicy checksums,
      Tracer tracer,
      WarmerConfig config) {
    this.upstream = upstream;
    this.primary = primary;
    this.checksums = checksums;
    this.tracer = tracer;
    this.config = config;
    this.stored =
        new StoredVersions(config.spoolDir(), config.maxZipBytes(), WarmerConfig.MAX_MOD_BYTES);
    this.listRetry = Retry.of(config.maxAttempts(), config.backoff());
  }

  /** What an attempt ended with: the store's outcome and the zip's size, for the event. */
  record Attempt(SaveOutcome outcome, long zipSize) {}

  /**
   * @throws ModmirrorException if the version could not be stored: not found or private upstream,
   *     verification failed, a complete version damaged beyond what the upstream can repair, or a
   *     transient failure before its {@code .info} was written
   */
  Attempt run(ModuleRef ref) {
    StoredVersions.Found found =
        Spans.inSpan(
            Spans.forRef(tracer, Telemetry.SPAN_WARMER_CHECK, ref)
                .setAttribute(Telemetry.STORE, primary.name()),
            () -> check(ref));
    Attempt attempt;
    if (found instanceof StoredVersions.Intact intact) {
      attempt = present(ref, intact);
    } else if (found instanceof StoredVersions.Damaged damaged) {
      attempt = repair(ref, damaged);
    } else if (found instanceof StoredVersions.Unknown unknown) {
      throw new PermanentException(
          "store " + primary.name() + " holds " + ref + " complete but " + unknown.problem(), ref);
    } else {
      // Absent a moment ago: the save need not read the .info again before claiming the version.
      attempt = fetchAndSave(ref, false, new CheckedAbsent(primary, ref));
    }
    if (attempt.outcome() instanceof SaveOutcome.Complete complete && !complete.listed()) {
      relist(ref);
    }
    return attempt;
  }

  private StoredVersions.Found check(ModuleRef ref) {
    StoredVersions.Found found = stored.inspect(primary, ref, StoredVersions.Depth.HASH);
    Span.current()
        .setAttribute(
            Telemetry.STORED, found.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
    return found;
  }

  private Attempt present(ModuleRef ref, StoredVersions.Intact intact) {
    primary.completeLayouts(ref);
    Attempt present = new Attempt(alreadyPresent(ref, intact.hashes()), intact.zipSize());
    if (checksums.covers(ref)) {
      try {
        checksums.check(ref, intact.hashes().h1(), intact.hashes().goModH1());
      } catch (SumDbException e) {
        throw e; // the database contradicts what the primary holds: a security event
      } catch (ModmirrorException e) {
        warnUncompared(ref, "the checksum database", e);
      }
      return present;
    }
    try {
      Attempt compared = fetchAndSave(ref, false);
      return compared.outcome() instanceof SaveOutcome.Conflict ? compared : present;
    } catch (ModmirrorException e) {
      warnUncompared(ref, "its upstream", e);
      return present;
    }
  }

  private void warnUncompared(ModuleRef ref, String witness, ModmirrorException e) {
    LOG.warn(
        "store {} holds {} intact; {} could not be compared with it [{}]: {}",
        primary.name(),
        ref,
        witness,
        e.kind(),
        e.getMessage());
  }

  private SaveOutcome alreadyPresent(ModuleRef ref, VersionHashes hashes) {
    boolean listed;
    try {
      listed = primary.listed(ref);
    } catch (ModmirrorException e) {
      listed = false;
    }
    return new SaveOutcome.AlreadyPresent(ref, hashes, listed);
  }

  private Attempt repair(ModuleRef ref, StoredVersions.Damaged damaged) {
    LOG.warn(
        "store {} holds {} damaged ({}); repairing from the upstream",
        primary.name(),
        ref,
        damaged.problem());
    try {
      return fetchAndSave(ref, true);
    } catch (NotFoundException e) {
      // The primary holds the version; the upstream no longer does. Not a not-found outcome.
      throw new PermanentException(
          "store "
              + primary.name()
              + " holds "
              + ref
              + " damaged ("
              + damaged.problem()
              + ") and the upstream no longer serves it: "
              + e.getMessage(),
          ref,
          e);
    }
  }

  private Attempt fetchAndSave(ModuleRef ref, boolean repair) {
    return fetchAndSave(ref, repair, primary);
  }

  /**
   * @param target the primary, or a view of it for this attempt
   */
  private Attempt fetchAndSave(ModuleRef ref, boolean repair, ModuleStore target) {
    try (Spool spool = Spool.create(config.spoolDir(), "warm-", ref)) {
      Fetched fetched =
          Spans.inSpan(
              Spans.forRef(tracer, Telemetry.SPAN_WARMER_FETCH, ref)
                  .setAttribute(Telemetry.UPSTREAM, upstream.describe()),
              () -> fetch(ref, spool));
      VersionHashes verified =
          Spans.inSpan(
              Spans.forRef(tracer, Telemetry.SPAN_WARMER_VERIFY, ref),
              () -> verify(ref, spool, fetched));
      SaveOutcome saved =
          Spans.inSpan(
              Spans.forRef(tracer, Telemetry.SPAN_WARMER_STORE, ref)
                  .setAttribute(Telemetry.STORE, primary.name()),
              () -> store(ref, spool, fetched, verified, repair, target));
      return new Attempt(saved, fetched.zipSize());
    }
  }

  private Fetched fetch(ModuleRef ref, Spool spool) {
    byte[] info =
        Bounded.read(upstream.open(ref, Artifact.INFO), WarmerConfig.MAX_MOD_BYTES, ref, ".info");
    byte[] mod =
        Bounded.read(upstream.open(ref, Artifact.MOD), WarmerConfig.MAX_MOD_BYTES, ref, ".mod");
    long zipSize = spool.fill(upstream.open(ref, Artifact.ZIP), config.maxZipBytes(), ".zip");
    return new Fetched(info, mod, zipSize);
  }

  private VersionHashes verify(ModuleRef ref, Spool spool, Fetched fetched) {
    InfoFile.check(fetched.info(), ref);
    GoModCheck.check(fetched.mod(), ref);
    // One read verifies the zip rules and computes h1, under the operator's zip size limit.
    VerifiedZip zip =
        DirHash.verifyZip(
            spool.path(), ref, ModuleLimits.DEFAULT.withMaxZipFile(config.maxZipBytes()));
    Span.current()
        .setAttribute(Telemetry.ZIP_FILES, (long) zip.summary().fileCount())
        .setAttribute(Telemetry.ZIP_UNCOMPRESSED_BYTES, zip.summary().uncompressedSize());
    VersionHashes verified = new VersionHashes(zip.h1(), DirHash.hashGoMod(fetched.mod()));
    ChecksumOutcome checked = checksums.check(ref, verified.h1(), verified.goModH1());
    Span.current().setAttribute(Telemetry.SUMDB, checked.label());
    return verified;
  }

  private SaveOutcome store(
      ModuleRef ref,
      Spool spool,
      Fetched fetched,
      VersionHashes verified,
      boolean repair,
      ModuleStore target) {
    try (InputStream zip = spool.open()) {
      VersionFiles files =
          new VersionFiles(fetched.mod(), zip, fetched.zipSize(), fetched.info(), verified);
      return repair ? target.repair(ref, files) : target.save(ref, files);
    } catch (IOException e) {
      throw new TransientException("closing spooled zip failed", ref, e);
    }
  }

  /** The version is complete; its list alone is behind: retry that, never the version. */
  private void relist(ModuleRef ref) {
    try {
      listRetry.run(
          () -> {
            primary.rebuildList(ref.path());
            return null;
          });
    } catch (ModmirrorException e) {
      LOG.warn(
          "warmed {} but its @v/list could not be rebuilt: {}; the next store of {} rebuilds it"
              + "",
          ref,
          e.getMessage(),
          ref.path());
    }
  }

  private record Fetched(byte[] info, byte[] mod, long zipSize) {}
}

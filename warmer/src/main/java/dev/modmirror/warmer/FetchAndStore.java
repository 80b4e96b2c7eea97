package dev.modmirror.warmer;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.VersionWarmed;
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
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.core.sumdb.ChecksumOutcome;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.core.telemetry.Spans;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.core.upstream.Upstream;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * One attempt at one module version: fetch {@code .info}, {@code .mod} and {@code .zip} (the zip
 * spooled to disk, never held in memory), verify, then store the whole version in one {@link
 * ModuleStore#save}, which writes {@code .info} last, so a reader never sees a version marked
 * complete before its zip is whole.
 */
final class FetchAndStore {
  private final Upstream upstream;
  private final ModuleStore primary;
  private final Tracer tracer;
  private final WarmerConfig config;
  private final ChecksumPolicy checksums;

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
  }

  VersionWarmed run(ModuleRef ref, Instant now) {
    try (Spool spool = Spool.create(config.spoolDir(), "warm-", ref)) {
      Fetched fetched =
          Spans.inSpan(
              Spans.forRef(tracer, Telemetry.SPAN_WARMER_FETCH, ref)
                  .setAttribute("upstream", upstream.describe()),
              () -> fetch(ref, spool));
      Verified verified =
          Spans.inSpan(
              Spans.forRef(tracer, Telemetry.SPAN_WARMER_VERIFY, ref),
              () -> verify(ref, spool, fetched));
      SaveOutcome saved =
          Spans.inSpan(
              Spans.forRef(tracer, Telemetry.SPAN_WARMER_STORE, ref)
                  .setAttribute("store", primary.name()),
              () -> store(ref, spool, fetched, verified));
      if (saved instanceof SaveOutcome.Conflict conflict) {
        throw new PermanentException(
            "conflict: store "
                + primary.name()
                + " holds "
                + conflict.stored()
                + ", upstream offered "
                + conflict.offered()
                + "; nothing written",
            ref);
      }
      return VersionWarmed.of(ref, verified.h1(), verified.goModH1(), fetched.zipSize(), now);
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

  private Verified verify(ModuleRef ref, Spool spool, Fetched fetched) {
    InfoFile.check(fetched.info(), ref);
    GoModCheck.check(fetched.mod(), ref);
    // One read verifies the zip rules and computes h1, under the operator's zip size limit.
    VerifiedZip zip =
        DirHash.verifyZip(
            spool.path(), ref, ModuleLimits.DEFAULT.withMaxZipFile(config.maxZipBytes()));
    Span.current()
        .setAttribute(Telemetry.ZIP_FILES, (long) zip.summary().fileCount())
        .setAttribute(Telemetry.ZIP_UNCOMPRESSED_BYTES, zip.summary().uncompressedSize());
    Verified verified = new Verified(zip.h1(), DirHash.hashGoMod(fetched.mod()));
    ChecksumOutcome checked = checksums.check(ref, verified.h1(), verified.goModH1());
    Span.current().setAttribute(Telemetry.SUMDB, checked.label());
    return verified;
  }

  private SaveOutcome store(ModuleRef ref, Spool spool, Fetched fetched, Verified verified) {
    try (InputStream zip = spool.open()) {
      return primary.save(
          ref,
          new VersionFiles(
              fetched.mod(),
              zip,
              fetched.zipSize(),
              fetched.info(),
              new VersionHashes(verified.h1(), verified.goModH1())));
    } catch (IOException e) {
      throw new TransientException("closing spooled zip failed", ref, e);
    }
  }

  private record Fetched(byte[] info, byte[] mod, long zipSize) {}

  private record Verified(String h1, String goModH1) {}
}

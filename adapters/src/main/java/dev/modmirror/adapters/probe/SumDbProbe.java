package dev.modmirror.adapters.probe;

import dev.modmirror.adapters.sumdb.HttpSumDbTransport;
import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.sumdb.Note;
import dev.modmirror.core.sumdb.Notes;
import dev.modmirror.core.sumdb.SumDbException;
import dev.modmirror.core.sumdb.SumDbSettings;
import dev.modmirror.core.sumdb.SumDbTransport;
import dev.modmirror.core.upstream.GoEnv;
import java.time.Duration;
import java.util.List;

/** Probes the checksum database: its newest signed tree head verifies with the configured key. */
public final class SumDbProbe {
  private SumDbProbe() {}

  /** Fetches {@code latest} as the warmer routes it (GOSUMDB, GOPROXY) and verifies its note. */
  public static Probe check(GoEnv goEnv, Duration timeout) {
    SumDbSettings settings = SumDbSettings.parse(goEnv.gosumdb(), goEnv.gonosumdb());
    if (settings.off()) {
      return Probe.ok("GOSUMDB=off: nothing to check");
    }
    String name = settings.key().orElseThrow().name();
    try {
      SumDbTransport transport = HttpSumDbTransport.connect(settings, goEnv.goproxy(), timeout);
      Note note = Notes.open(transport.get("/latest"), List.of(settings.key().orElseThrow()));
      String[] lines = note.text().split("\n");
      return Probe.ok(
          name + " tree size " + (lines.length > 1 ? lines[1] : "?") + ", signature ok");
    } catch (SumDbException e) {
      return Probe.failed(
          name + ": the signed tree head does not verify: " + e.getMessage(),
          "check the key in GOSUMDB; a database that fails its own key is a security event");
    } catch (ModmirrorException e) {
      return Probe.unreachable(
          name + ": " + e.getMessage(),
          "check GOSUMDB (name+key url) and that the database or the proxy serving it is reachable");
    }
  }
}

package dev.modmirror.adapters.sumdb;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.core.sumdb.SumDbClient;
import dev.modmirror.core.sumdb.SumDbSettings;
import dev.modmirror.core.sumdb.SumDbStateStore;
import dev.modmirror.core.sumdb.SumDbTransport;
import dev.modmirror.core.upstream.GoEnv;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.List;

/** Builds the warmer's {@link ChecksumPolicy} from the go command's GOSUMDB settings. */
public final class SumDbChecksums {
  private SumDbChecksums() {}

  /** The policy of a go environment: its GOSUMDB and GONOSUMDB, probing its GOPROXY entries. */
  public static ChecksumPolicy policy(GoEnv env, Duration timeout, SumDbStateStore state) {
    return policy(env, timeout, state, OpenTelemetry.noop());
  }

  /** As {@link #policy(GoEnv, Duration, SumDbStateStore)}, with an HTTP client span per request. */
  public static ChecksumPolicy policy(
      GoEnv env, Duration timeout, SumDbStateStore state, OpenTelemetry telemetry) {
    return policy(
        env.gosumdb(),
        env.gonosumdb(),
        settings -> HttpSumDbTransport.connect(settings, env.goproxy(), timeout, telemetry),
        state);
  }

  /**
   * A transport to the database of {@code settings}, routed as the go command routes (its URL, else
   * the first GOPROXY entry serving it, else {@code https://<name>}) on the first request rather
   * than now, and again after a failed routing.
   */
  public static SumDbTransport lazyTransport(
      GoEnv env, SumDbSettings settings, Duration timeout, OpenTelemetry telemetry) {
    return new SumDbTransport() {
      private SumDbTransport connected;

      @Override
      public synchronized byte[] get(String path) {
        if (connected == null) {
          connected = HttpSumDbTransport.connect(settings, env.goproxy(), timeout, telemetry);
        }
        return connected.get(path);
      }
    };
  }

  /**
   * @param gosumdb as the go command takes it: {@code off}, a name, {@code name+key [url]}
   * @param gonosumdb the exempt glob patterns (GONOSUMDB, else GOPRIVATE)
   * @param proxies the GOPROXY entries (as if separated by {@code ,}), probed for {@code
   *     /sumdb/<name>/supported} as go does
   * @param state where the newest verified tree head is kept; shared by every replica and kept
   *     across restarts (S3SumDbStateStore) so a database that forks its history is caught
   * @throws dev.modmirror.core.error.InvalidInputException if the settings are malformed
   */
  public static ChecksumPolicy policy(
      String gosumdb,
      String gonosumdb,
      List<String> proxies,
      Duration timeout,
      SumDbStateStore state) {
    return policy(
        gosumdb,
        gonosumdb,
        settings -> HttpSumDbTransport.connect(settings, proxies, timeout),
        state);
  }

  private static ChecksumPolicy policy(
      String gosumdb,
      String gonosumdb,
      java.util.function.Function<SumDbSettings, SumDbTransport> connect,
      SumDbStateStore state) {
    SumDbSettings settings = SumDbSettings.parse(gosumdb, gonosumdb);
    if (settings.off()) {
      return ChecksumPolicy.off();
    }
    return ChecksumPolicy.of(
        settings,
        () -> {
          try {
            return new SumDbClient(settings.key().orElseThrow(), connect.apply(settings), state);
          } catch (TransientException e) {
            throw e;
          } catch (RuntimeException e) {
            throw new TransientException("checksum database unreachable: " + e.getMessage());
          }
        });
  }
}

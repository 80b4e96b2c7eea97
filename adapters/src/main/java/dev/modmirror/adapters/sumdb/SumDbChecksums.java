package dev.modmirror.adapters.sumdb;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.core.sumdb.SumDbClient;
import dev.modmirror.core.sumdb.SumDbSettings;
import dev.modmirror.core.sumdb.SumDbStateStore;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.core.upstream.GoproxyEntry;
import java.time.Duration;
import java.util.List;

/** Builds the warmer's {@link ChecksumPolicy} from the go command's GOSUMDB settings. */
public final class SumDbChecksums {
  private SumDbChecksums() {}

  /** The policy of a go environment: its GOSUMDB and GONOSUMDB, probing its GOPROXY entries. */
  public static ChecksumPolicy policy(GoEnv env, Duration timeout, SumDbStateStore state) {
    List<String> proxies =
        env.goproxy().entries().stream()
            .filter(e -> e.kind() == GoproxyEntry.Kind.PROXY)
            // A file:// tree serves no checksum database here: go would find no
            // sumdb/<name>/supported file in it and go direct, which is what skipping it does.
            .filter(e -> e.scheme().startsWith("http"))
            .map(e -> e.url().toString())
            .toList();
    return policy(env.gosumdb(), env.gonosumdb(), proxies, timeout, state);
  }

  /**
   * @param gosumdb as the go command takes it: {@code off}, a name, {@code name+key [url]}
   * @param gonosumdb the exempt glob patterns (GONOSUMDB, else GOPRIVATE)
   * @param proxies the GOPROXY entries, probed for {@code /sumdb/<name>/supported} as go does
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
    SumDbSettings settings = SumDbSettings.parse(gosumdb, gonosumdb);
    if (settings.off()) {
      return ChecksumPolicy.off();
    }
    return ChecksumPolicy.of(
        settings,
        () -> {
          try {
            return new SumDbClient(
                settings.key().orElseThrow(),
                HttpSumDbTransport.connect(settings, proxies, timeout),
                state);
          } catch (TransientException e) {
            throw e;
          } catch (RuntimeException e) {
            throw new TransientException("checksum database unreachable: " + e.getMessage());
          }
        });
  }
}

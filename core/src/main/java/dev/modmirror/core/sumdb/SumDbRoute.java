package dev.modmirror.core.sumdb;

import dev.modmirror.core.error.NotFoundException;
import java.net.URI;
import java.util.List;

/**
 * Chooses the base URL of a checksum database the way the go command does: the explicit GOSUMDB URL
 * if given; else the first GOPROXY entry whose {@code $proxy/sumdb/<name>/supported} answers
 * (404/410 move on to the next entry, {@code direct} or {@code off} stop the search); else the
 * database's own {@code https://<name>}.
 */
public final class SumDbRoute {
  /** Asks whether a URL exists; throws NotFoundException for 404/410, others for failures. */
  @FunctionalInterface
  public interface Probe {
    void get(URI url);
  }

  private SumDbRoute() {}

  /**
   * @param proxies the GOPROXY entries in order (separators already removed)
   * @throws dev.modmirror.core.error.ModmirrorException any probe failure other than not-found
   */
  public static URI choose(SumDbSettings settings, List<String> proxies, Probe probe) {
    if (settings.url().isPresent()) {
      return settings.url().get();
    }
    String name = settings.key().orElseThrow().name();
    for (String proxy : proxies) {
      if (proxy.equals("noproxy")) {
        continue;
      }
      if (proxy.equals("direct") || proxy.equals("off")) {
        break;
      }
      String base = (proxy.endsWith("/") ? proxy.substring(0, proxy.length() - 1) : proxy);
      URI sumdb = URI.create(base + "/sumdb/" + name);
      try {
        probe.get(URI.create(sumdb + "/supported"));
        return sumdb;
      } catch (NotFoundException e) {
        continue; // this proxy does not proxy checksum databases
      }
    }
    return settings.directUrl();
  }
}

package dev.modmirror.core.sumdb;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.upstream.GoproxyEntry;
import dev.modmirror.core.upstream.GoproxyList;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the base URL of a checksum database the way the go command does (cmd/go {@code
 * dbClient.initBase} over {@code TryProxies}): the explicit GOSUMDB URL if given; else the first
 * GOPROXY entry, http(s) or {@code file://}, whose {@code $proxy/sumdb/<name>/supported} exists. A
 * 404/410 moves on to the next entry; any other failure moves on only after {@code |}, and is the
 * answer when no later entry succeeds or reaches {@code direct}; {@code direct} or {@code off}, or
 * a list that ends in not-found, means the database's own {@code https://<name>}.
 */
public final class SumDbRoute {
  /** Asks whether a URL exists; throws NotFoundException for 404/410, others for failures. */
  @FunctionalInterface
  public interface Probe {
    void get(URI url);
  }

  private SumDbRoute() {}

  /**
   * @param proxies the GOPROXY list, separators and all
   * @throws ModmirrorException the proxy failure that decides, as the go command reports it
   */
  public static URI choose(SumDbSettings settings, GoproxyList proxies, Probe probe) {
    if (settings.url().isPresent()) {
      return settings.url().get();
    }
    String name = settings.key().orElseThrow().name();
    RuntimeException proxyError = null;
    for (GoproxyEntry entry : proxies.entries()) {
      if (entry.kind() != GoproxyEntry.Kind.PROXY) {
        return settings.directUrl();
      }
      String text = entry.url().toString();
      String base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
      URI sumdb = URI.create(base + "/sumdb/" + name);
      try {
        probe.get(URI.create(sumdb + "/supported"));
        return sumdb;
      } catch (NotFoundException e) {
        continue; // this proxy does not proxy checksum databases
      } catch (RuntimeException e) {
        if (proxyError == null) {
          proxyError = e;
        }
        if (!entry.fallBackOnAnyError()) {
          break;
        }
      }
    }
    if (proxyError != null) {
      throw proxyError;
    }
    return settings.directUrl();
  }

  /**
   * {@link #choose(SumDbSettings, GoproxyList, Probe)} for entries separated by {@code ,} (the
   * keywords {@code direct}, {@code off} and {@code noproxy} as written).
   */
  public static URI choose(SumDbSettings settings, List<String> proxies, Probe probe) {
    List<String> kept = new ArrayList<>();
    for (String p : proxies) {
      if (!p.equals("noproxy")) {
        kept.add(p);
      }
    }
    if (kept.isEmpty()) {
      return choose(settings, GoproxyList.parse("off"), probe);
    }
    return choose(settings, GoproxyList.parse(String.join(",", kept)), probe);
  }
}

package dev.modmirror.adapters.upstream;

import dev.modmirror.core.error.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The go command's {@code GOAUTH} (go help goauth, cmd/go/internal/auth): a {@code ;}-separated
 * list of {@code off}, {@code netrc} (the file named by {@code NETRC}, else {@code ~/.netrc}),
 * {@code git <absolute dir>} ({@code git credential fill} for each upstream URL) and any other
 * command, whose output is sets of {@code https://} URL lines, a blank line, header lines and a
 * blank line. Unset means {@code netrc}. Credentials are kept per URL prefix ({@code host/path},
 * without scheme); a request gets those of the longest prefix of its URL, and only over https, as
 * the go command sends them.
 *
 * <p>Everything is read once, at start-up, for the upstreams' base URLs. Earlier entries of the
 * list win over later ones, as in Go. A command that fails or prints something unreadable is logged
 * by its exit status only (its output may hold secrets) and skipped, as the go command skips it.
 * modmirror does not re-run commands after a 4xx and does not call {@code git credential
 * approve/reject}.
 */
public final class GoAuth {
  private static final Logger LOG = LoggerFactory.getLogger(GoAuth.class);
  private static final long COMMAND_TIMEOUT_SECONDS = 30;

  private final Map<String, List<UpstreamAuth.Header>> byPrefix;

  private GoAuth(Map<String, List<UpstreamAuth.Header>> byPrefix) {
    this.byPrefix = Collections.unmodifiableMap(byPrefix);
  }

  /** No credentials for any URL ({@code GOAUTH=off}). */
  public static GoAuth off() {
    return new GoAuth(Map.of());
  }

  /**
   * Reads GOAUTH for these base URLs.
   *
   * @param goauth the value; null or empty means {@code netrc}
   * @param env where {@code NETRC} and {@code HOME} are read
   * @throws InvalidInputException if the value is malformed (as the go command exits on it)
   */
  public static GoAuth load(String goauth, Map<String, String> env, List<URI> urls) {
    String value = goauth == null || goauth.isBlank() ? "netrc" : goauth;
    List<String> commands = new ArrayList<>(List.of(value.split(";", -1)));
    Collections.reverse(commands); // later entries are stored first, so earlier ones win
    Map<String, List<UpstreamAuth.Header>> byPrefix = new LinkedHashMap<>();
    for (String raw : commands) {
      String command = raw.strip();
      String[] words = command.isEmpty() ? new String[0] : command.split("\\s+");
      if (words.length == 0) {
        throw new InvalidInputException(
            "GOAUTH encountered an empty command (GOAUTH=" + value + ")");
      }
      switch (words[0]) {
        case "off" -> {
          if (commands.size() != 1) {
            throw new InvalidInputException(
                "GOAUTH=off cannot be combined with other authentication commands");
          }
          return off();
        }
        case "netrc" -> netrc(env).forEach(e -> byPrefix.put(e.machine(), basic(e)));
        case "git" -> git(words, urls, byPrefix);
        default -> byPrefix.putAll(GoAuthOutput.run(command, COMMAND_TIMEOUT_SECONDS));
      }
    }
    return new GoAuth(byPrefix);
  }

  /** The headers for a request to {@code target}: those of its longest prefix; https only. */
  public List<UpstreamAuth.Header> headersFor(URI target) {
    if (!"https".equalsIgnoreCase(target.getScheme()) || target.getRawAuthority() == null) {
      return List.of();
    }
    String prefix = target.getRawAuthority().toLowerCase(Locale.ROOT) + rawPath(target);
    while (true) {
      List<UpstreamAuth.Header> headers = byPrefix.get(prefix);
      if (headers != null) {
        return headers;
      }
      int slash = prefix.lastIndexOf('/');
      if (slash < 0) {
        return List.of();
      }
      prefix = prefix.substring(0, slash);
    }
  }

  /** How many URL prefixes have credentials. */
  public int prefixes() {
    return byPrefix.size();
  }

  @Override
  public String toString() {
    return "GoAuth[" + byPrefix.size() + " prefixes]";
  }

  private static String rawPath(URI target) {
    String path = target.getRawPath() == null ? "" : target.getRawPath();
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static List<Netrc.Entry> netrc(Map<String, String> env) {
    String named = env.get("NETRC");
    Path file;
    if (named != null && !named.isEmpty()) {
      file = Path.of(named);
    } else {
      String home = env.getOrDefault("HOME", System.getProperty("user.home", ""));
      if (home.isEmpty()) {
        return List.of();
      }
      file = Path.of(home, ".netrc");
    }
    try {
      List<Netrc.Entry> entries =
          new ArrayList<>(Netrc.parse(Files.readString(file, StandardCharsets.UTF_8)));
      // Stored in reverse so that the first entry for a machine wins, as in Go.
      Collections.reverse(entries);
      return entries;
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      LOG.warn("GOAUTH=netrc: cannot read {}: {}", file, e.getClass().getSimpleName());
      return List.of();
    }
  }

  private static List<UpstreamAuth.Header> basic(Netrc.Entry e) {
    String pair = e.login() + ":" + e.password();
    return List.of(
        new UpstreamAuth.Header(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
  }

  private static void git(
      String[] words, List<URI> urls, Map<String, List<UpstreamAuth.Header>> byPrefix) {
    if (words.length != 2
        || !Path.of(words[1]).isAbsolute()
        || !Files.isDirectory(Path.of(words[1]))) {
      throw new InvalidInputException(
          "GOAUTH=git dir method requires an absolute path to the git working directory");
    }
    for (URI url : urls) {
      if ("https".equalsIgnoreCase(url.getScheme())) {
        GoAuthOutput.git(Path.of(words[1]), url, COMMAND_TIMEOUT_SECONDS)
            .ifPresent(p -> byPrefix.put(p.prefix(), p.headers()));
      }
    }
  }
}

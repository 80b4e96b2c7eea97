package dev.modmirror.core.upstream;

import dev.modmirror.core.error.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed GOPROXY value, read exactly as the go command reads it (cmd/go/internal/modfetch
 * proxyList, go1.19):
 *
 * <ul>
 *   <li>entries are separated by {@code ,} (the next entry is tried only after a 404/410) or {@code
 *       |} (the next entry is tried after any error); blanks around entries and empty entries are
 *       ignored;
 *   <li>{@code direct} and {@code off} are keywords, and end the list: later entries are ignored,
 *       as Go ignores them;
 *   <li>an entry containing {@code .}, {@code :} or {@code /} but no {@code :/}, and not an
 *       absolute path, gets {@code https://} prepended ({@code proxy.example:8080});
 *   <li>schemes are http, https and file; a {@code file:} URL has nothing but a path.
 * </ul>
 *
 * The empty string means the go default {@value #GO_DEFAULT}. A non-empty value without entries
 * (such as {@code ","}) is an error, as in Go. modmirror is stricter than Go in one place: an http
 * or https URL without a host is rejected here rather than at the first fetch.
 *
 * @param entries at least one entry; {@code direct} or {@code off} only as the last
 */
public record GoproxyList(List<GoproxyEntry> entries) {

  /** The go command's default GOPROXY. */
  public static final String GO_DEFAULT = "https://proxy.golang.org,direct";

  public GoproxyList {
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new InvalidInputException(
          "GOPROXY list is not the empty string, but contains no entries");
    }
    for (int i = 0; i < entries.size() - 1; i++) {
      if (entries.get(i).kind() != GoproxyEntry.Kind.PROXY) {
        throw new InvalidInputException("GOPROXY keyword not last in list: " + entries.get(i));
      }
    }
  }

  /**
   * Parses a GOPROXY value.
   *
   * @param value the value; null or empty means {@value #GO_DEFAULT}
   * @throws InvalidInputException naming the offending entry (credentials redacted)
   */
  public static GoproxyList parse(String value) {
    String rest = value == null || value.isEmpty() ? GO_DEFAULT : value;
    List<GoproxyEntry> entries = new ArrayList<>();
    while (!rest.isEmpty()) {
      int sep = indexOfSeparator(rest);
      String raw = sep >= 0 ? rest.substring(0, sep) : rest;
      boolean anyError = sep >= 0 && rest.charAt(sep) == '|';
      rest = sep >= 0 ? rest.substring(sep + 1) : "";
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.equals("off")) {
        entries.add(GoproxyEntry.off());
        break;
      }
      if (entry.equals("direct")) {
        entries.add(GoproxyEntry.direct());
        break;
      }
      entries.add(GoproxyEntry.proxy(checkUrl(withImpliedScheme(entry)), anyError));
    }
    return new GoproxyList(entries);
  }

  /** The go default list. */
  public static GoproxyList goDefault() {
    return parse(GO_DEFAULT);
  }

  /** True if the list is exactly {@code direct}; then the go command adds no GONOPROXY check. */
  public boolean isDirectOnly() {
    return entries.size() == 1 && entries.get(0).kind() == GoproxyEntry.Kind.DIRECT;
  }

  /**
   * The list written back with credentials redacted, e.g. {@code https://xxxxx@a.example|direct}.
   */
  public String redacted() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < entries.size(); i++) {
      GoproxyEntry e = entries.get(i);
      out.append(e.redacted());
      if (i < entries.size() - 1) {
        out.append(e.fallBackOnAnyError() ? '|' : ',');
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return redacted();
  }

  private static int indexOfSeparator(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == ',' || s.charAt(i) == '|') {
        return i;
      }
    }
    return -1;
  }

  private static String withImpliedScheme(String entry) {
    boolean looksLikeHost =
        entry.chars().anyMatch(c -> c == '.' || c == ':' || c == '/') && !entry.contains(":/");
    return looksLikeHost && !entry.startsWith("/") ? "https://" + entry : entry;
  }

  private static URI checkUrl(String entry) {
    URI url;
    try {
      url = new URI(entry);
    } catch (URISyntaxException e) {
      throw new InvalidInputException("invalid GOPROXY URL: " + Redaction.url(entry));
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "http", "https" -> checkHost(url);
      case "file" -> checkFileUrl(url);
      case "" -> throw invalid("invalid proxy URL missing scheme: ", url);
      default -> throw invalid("invalid proxy URL scheme (must be https, http, file): ", url);
    }
    return url;
  }

  private static void checkHost(URI url) {
    if (url.getHost() == null || url.isOpaque()) {
      throw invalid("invalid proxy URL without a host: ", url);
    }
  }

  private static void checkFileUrl(URI url) {
    boolean onlyPath =
        !url.isOpaque()
            && url.getRawAuthority() == null
            && url.getRawQuery() == null
            && url.getRawFragment() == null
            && url.getRawPath() != null
            && url.getRawPath().startsWith("/");
    if (!onlyPath) {
      throw invalid("invalid file:// proxy URL with non-path elements: ", url);
    }
  }

  private static InvalidInputException invalid(String message, URI url) {
    return new InvalidInputException(message + Redaction.url(url));
  }
}

package dev.modmirror.ingest.demand;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request read from a proxy's access log line.
 *
 * <ul>
 *   <li>nginx {@code combined}: {@code 10.0.0.1 - - [25/Nov/2026:10:15:30 +0000] "GET
 *       /golang.org/x/text/@v/v0.3.7.zip HTTP/1.1" 200 8618 "-" "Go-http-client/1.1"}
 *   <li>Athens' request log ({@code msg="incoming request"}), logrus JSON ({@code
 *       {"http-method":"GET","http-path":"/…","http-status":"200",…,"time":"…"}}) or text ({@code …
 *       http-method=GET http-path=/… http-status=200}); ANSI colour codes are ignored
 * </ul>
 *
 * @param path the request path, percent-decoded, without the query
 * @param at the line's time, if it has one
 */
public record AccessLogLine(String method, String path, int status, Optional<Instant> at) {
  private static final Pattern NGINX =
      Pattern.compile(
          "^\\S+ \\S+ \\S+ \\[([^\\]]{1,64})\\] \"([A-Z]{1,10}) (\\S{1,4096})(?: [^\"]{0,32})?\" (\\d{3}) .*");
  private static final DateTimeFormatter NGINX_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
  private static final java.util.Map<String, Pattern> PATTERNS =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

  /** The log formats understood. */
  public enum Format {
    NGINX,
    ATHENS,
    /** nginx combined if the line matches it, else Athens. */
    AUTO
  }

  /**
   * @return empty if the line is not a request line of that format
   */
  public static Optional<AccessLogLine> parse(Format format, String line) {
    if (line == null || line.length() > 16_384) {
      return Optional.empty();
    }
    return switch (format) {
      case NGINX -> nginx(line);
      case ATHENS -> athens(line);
      case AUTO -> nginx(line).or(() -> athens(line));
    };
  }

  private static Optional<AccessLogLine> nginx(String line) {
    Matcher m = NGINX.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    return path(m.group(3))
        .map(
            p ->
                new AccessLogLine(
                    m.group(2), p, Integer.parseInt(m.group(4)), atOrEmpty(m.group(1))));
  }

  private static Optional<Instant> atOrEmpty(String time) {
    try {
      return Optional.of(OffsetDateTime.parse(time, NGINX_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<AccessLogLine> athens(String raw) {
    String line = ANSI.matcher(raw).replaceAll("");
    if (!line.contains("incoming request")) {
      return Optional.empty();
    }
    Optional<String> method = field(line, "http-method");
    Optional<String> target = field(line, "http-path");
    Optional<String> status = field(line, "http-status");
    if (method.isEmpty()
        || target.isEmpty()
        || status.isEmpty()
        || !status.get().matches("\\d{3}")) {
      return Optional.empty();
    }
    Optional<Instant> at =
        field(line, "time")
            .flatMap(
                t -> {
                  try {
                    return Optional.of(OffsetDateTime.parse(t).toInstant());
                  } catch (DateTimeParseException e) {
                    return Optional.empty();
                  }
                });
    return path(target.get())
        .map(p -> new AccessLogLine(method.get(), p, Integer.parseInt(status.get()), at));
  }

  /**
   * A field as JSON ({@code "k":"v"} or {@code "k":200}) or logfmt ({@code k=v}, {@code k="v"}).
   */
  private static Optional<String> field(String line, String key) {
    Matcher json = PATTERNS.computeIfAbsent("j" + key, k -> jsonField(key)).matcher(line);
    if (json.find()) {
      return Optional.of(json.group(1).trim());
    }
    Matcher text = PATTERNS.computeIfAbsent("t" + key, k -> textField(key)).matcher(line);
    if (text.find()) {
      return Optional.of(text.group(1) != null ? text.group(1) : text.group(2));
    }
    return Optional.empty();
  }

  private static Pattern jsonField(String key) {
    return Pattern.compile("\"" + key + "\"\\s*:\\s*\"?([^\",}]{1,4096})\"?");
  }

  private static Pattern textField(String key) {
    return Pattern.compile("(?:^|\\s)" + key + "=(?:\"([^\"]{1,4096})\"|(\\S{1,4096}))");
  }

  private static Optional<String> path(String target) {
    int q = target.indexOf('?');
    String raw = q < 0 ? target : target.substring(0, q);
    if (!raw.startsWith("/")) {
      return Optional.empty();
    }
    try {
      return Optional.of(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}

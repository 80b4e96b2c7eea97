package dev.modmirror.adapters.upstream;

import dev.modmirror.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs GOAUTH's credential commands and reads their output as the go command does (userauth.go,
 * gitauth.go). Failures are logged by command name and exit status only: output and stderr may hold
 * secrets.
 */
final class GoAuthOutput {
  private static final Logger LOG = LoggerFactory.getLogger(GoAuthOutput.class);
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final int MAX_OUTPUT = 1 << 20;

  /** A prefix and the headers its requests get. */
  record Credential(String prefix, List<UpstreamAuth.Header> headers) {}

  private GoAuthOutput() {}

  /** Runs a user command (split as Go's quoted.Split) and reads its credential sets. */
  static Map<String, List<UpstreamAuth.Header>> run(String command, long timeoutSeconds) {
    List<String> words = split(command);
    Optional<String> out = exec(words, null, null, timeoutSeconds);
    if (out.isEmpty()) {
      return Map.of();
    }
    try {
      return parse(out.get());
    } catch (IllegalArgumentException e) {
      LOG.warn("GOAUTH command {}: cannot parse its output: {}", words.get(0), e.getMessage());
      return Map.of();
    }
  }

  /** {@code git credential fill} in {@code dir} for {@code url}: basic auth for its prefix. */
  static Optional<Credential> git(Path dir, URI url, long timeoutSeconds) {
    Optional<String> out =
        exec(
            List.of("git", "credential", "fill"),
            dir,
            "url=" + url.toString() + "\n",
            timeoutSeconds);
    if (out.isEmpty()) {
      return Optional.empty();
    }
    String protocol = "";
    String host = "";
    String path = "";
    String user = "";
    String password = "";
    for (String line : out.get().split("\n")) {
      String[] kv = line.strip().split("=", 2);
      if (kv.length == 2) {
        switch (kv[0]) {
          case "protocol" -> protocol = kv[1];
          case "host" -> host = kv[1];
          case "path" -> path = kv[1];
          case "username" -> user = kv[1];
          case "password" -> password = kv[1];
          default -> {
            // Other fields (url, capability…) are not needed.
          }
        }
      }
    }
    String prefix = host + (path.isEmpty() ? "" : "/" + path);
    if (!protocol.equals("https") || host.isEmpty() || !prefixOf(prefix, url)) {
      LOG.warn("GOAUTH=git: no usable credential for {}", hostOf(url));
      return Optional.empty();
    }
    return Optional.of(
        new Credential(
            trim(prefix), UpstreamAuth.basic(user, password).headers(URI.create("https://x/"))));
  }

  /**
   * Reads {@code Response = { URLLine { URLLine } BlankLine { HeaderLine } BlankLine }}.
   *
   * @throws IllegalArgumentException on the first line that breaks the format (values not named)
   */
  static Map<String, List<UpstreamAuth.Header>> parse(String data) {
    Map<String, List<UpstreamAuth.Header>> credentials = new LinkedHashMap<>();
    String rest = data;
    while (!rest.isEmpty()) {
      List<String> prefixes = new ArrayList<>();
      while (true) {
        int nl = rest.indexOf('\n');
        if (nl < 0) {
          throw new IllegalArgumentException("invalid format: missing empty line after URLs");
        }
        String line = rest.substring(0, nl);
        rest = rest.substring(nl + 1);
        if (line.isEmpty()) {
          break;
        }
        prefixes.add(prefixOfUrl(line));
      }
      List<UpstreamAuth.Header> headers = new ArrayList<>();
      while (true) {
        int nl = rest.indexOf('\n');
        if (nl < 0) {
          throw new IllegalArgumentException("invalid format: missing empty line after headers");
        }
        String line = rest.substring(0, nl);
        rest = rest.substring(nl + 1);
        if (line.isEmpty()) {
          break;
        }
        int sep = line.indexOf(": ");
        String value = sep < 0 ? "" : line.substring(sep + 2).strip();
        if (sep < 0 || !TOKEN.matcher(line.substring(0, sep)).matches() || !validValue(value)) {
          throw new IllegalArgumentException("invalid format: invalid header line");
        }
        headers.add(new UpstreamAuth.Header(line.substring(0, sep), value));
      }
      for (String prefix : prefixes) {
        credentials.put(prefix, List.copyOf(headers));
      }
    }
    return credentials;
  }

  /** As Go's quoted.Split: fields separated by blanks, '…' or "…" around a field, no escapes. */
  static List<String> split(String s) {
    List<String> fields = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      if (i >= s.length()) {
        break;
      }
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        int end = s.indexOf(c, i + 1);
        if (end < 0) {
          throw new InvalidInputException(
              "cannot parse GOAUTH command: unterminated " + c + " string");
        }
        fields.add(s.substring(i + 1, end));
        i = end + 1;
        continue;
      }
      int start = i;
      while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      fields.add(s.substring(start, i));
    }
    return fields;
  }

  private static String prefixOfUrl(String line) {
    URI u;
    try {
      u = new URI(line);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("could not parse a URL line");
    }
    if (u.getScheme() == null || u.getRawAuthority() == null) {
      throw new IllegalArgumentException("could not parse a URL line");
    }
    String s = u.toString();
    return trim(s.startsWith("https://") ? s.substring("https://".length()) : s);
  }

  private static String trim(String prefix) {
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    int slash = p.indexOf('/');
    // Hosts compare in lower case, as GoAuth looks them up.
    return slash < 0
        ? p.toLowerCase(Locale.ROOT)
        : p.substring(0, slash).toLowerCase(Locale.ROOT) + p.substring(slash);
  }

  private static boolean validValue(String value) {
    return value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f));
  }

  private static boolean prefixOf(String prefix, URI url) {
    String full = url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
    return full.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT));
  }

  private static String hostOf(URI url) {
    return url.getHost() == null ? "?" : url.getHost();
  }

  private static Optional<String> exec(
      List<String> words, Path dir, String stdin, long timeoutSeconds) {
    String name = words.get(0);
    Path out = null;
    try {
      // Output goes to an owner-only file, so a command that never closes it cannot hang us.
      out = java.nio.file.Files.createTempFile("modmirror-goauth-", ".out");
      ProcessBuilder pb =
          new ProcessBuilder(words)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectOutput(out.toFile());
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        LOG.warn("GOAUTH command {} did not finish within {} s", name, timeoutSeconds);
        return Optional.empty();
      }
      if (p.exitValue() != 0) {
        LOG.warn("GOAUTH command {} failed with exit status {}", name, p.exitValue());
        return Optional.empty();
      }
      try (InputStream o = java.nio.file.Files.newInputStream(out)) {
        return Optional.of(new String(o.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      LOG.warn("GOAUTH command {} could not run: {}", name, e.getClass().getSimpleName());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      if (out != null) {
        try {
          java.nio.file.Files.deleteIfExists(out);
        } catch (IOException e) {
          LOG.warn("GOAUTH: could not delete {}", out);
        }
      }
    }
  }
}

package dev.modmirror.core.webhook;

import dev.modmirror.core.error.InvalidInputException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds the URL of one file at one commit from a configured template such as {@code
 * https://raw.githubusercontent.com/{repo}/{commit}/{path}}. Only the template's scheme, host and
 * port can ever be reached: the repository name, commit and path come from a webhook payload, so
 * each is checked against a strict pattern (no {@code ..}, no {@code //}, no {@code @}, {@code ?},
 * {@code #}, {@code %} or {@code \}) and the built URL's authority is compared with the template's.
 */
public final class RawContentUrls {
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+){1,4}");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,64}");
  private static final Pattern FILE = Pattern.compile("([A-Za-z0-9_.+~-]+/){0,20}go\\.mod");

  private final String template;
  private final URI fixed;

  /**
   * @throws InvalidInputException if the template is not an http(s) URL naming {@code {repo}},
   *     {@code {commit}} and {@code {path}} in its path
   */
  public RawContentUrls(String template) {
    Objects.requireNonNull(template, "template");
    URI probe =
        URI.create(
            template
                .replace("{repo}", "r/r")
                .replace("{commit}", "0000000")
                .replace("{path}", "go.mod"));
    String scheme = probe.getScheme() == null ? "" : probe.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || probe.getHost() == null
        || !template.contains("{repo}")
        || !template.contains("{commit}")
        || !template.contains("{path}")
        || template.indexOf('{') < template.indexOf(probe.getHost())) {
      throw new InvalidInputException(
          "raw-content URL template must be http(s) with {repo}, {commit} and {path} in its path: "
              + template);
    }
    this.template = template;
    this.fixed = probe;
  }

  /**
   * @throws InvalidInputException if any part breaks its pattern, or the URL would leave the host
   */
  public URI file(String repository, String commit, String path) {
    check(REPO, repository, "repository");
    check(COMMIT, commit, "commit");
    check(FILE, path, "path");
    for (String part : (repository + "/" + path).split("/")) {
      if (part.equals(".") || part.equals("..")) {
        throw new InvalidInputException("webhook " + "path element '" + part + "' refused");
      }
    }
    URI uri =
        URI.create(
            template
                .replace("{repo}", repository)
                .replace("{commit}", commit)
                .replace("{path}", path));
    if (!Objects.equals(uri.getScheme(), fixed.getScheme())
        || !Objects.equals(uri.getHost(), fixed.getHost())
        || uri.getPort() != fixed.getPort()
        || uri.getRawUserInfo() != null) {
      throw new InvalidInputException("raw-content URL would leave " + fixed.getHost());
    }
    return uri;
  }

  /** The only host requests go to. */
  public String host() {
    return fixed.getHost();
  }

  private static void check(Pattern pattern, String value, String what) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new InvalidInputException("webhook " + what + " refused: not " + pattern.pattern());
    }
  }
}

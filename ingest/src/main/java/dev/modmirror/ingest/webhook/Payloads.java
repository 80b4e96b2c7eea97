package dev.modmirror.ingest.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modmirror.core.error.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads push payloads: GitHub's and GitLab's push events and the generic form. Only the fields a
 * push needs are read; anything else is ignored. A body that is not a JSON object, or lacks the
 * repository, its URL or the ref, is an {@link InvalidInputException} (answered 400).
 */
final class Payloads {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final int MAX_GO_MODS = 20;

  private Payloads() {}

  static Push read(Provider provider, byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("webhook body is not JSON");
    } catch (IOException e) {
      throw new InvalidInputException("webhook body unreadable");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException("webhook body is not a JSON object");
    }
    return switch (provider) {
      case GITHUB ->
          new Push(
              text(root, "repository", "full_name"),
              url(text(root, "repository", "html_url")),
              text(root, "ref"),
              optional(root, "after"),
              root.path("deleted").asBoolean(false),
              goMods(root.path("commits")));
      case GITLAB ->
          new Push(
              text(root, "project", "path_with_namespace"),
              url(text(root, "project", "web_url")),
              text(root, "ref"),
              optional(root, "after").matches("0+") ? "" : optional(root, "after"),
              optional(root, "after").matches("0+"),
              goMods(root.path("commits")));
      case GENERIC ->
          new Push(
              repositoryName(url(text(root, "repository"))),
              url(text(root, "repository")),
              text(root, "ref"),
              optional(root, "after"),
              false,
              List.of());
    };
  }

  private static String repositoryName(URI url) {
    String path = url.getPath();
    path = path.startsWith("/") ? path.substring(1) : path;
    return path.endsWith(".git") ? path.substring(0, path.length() - 4) : path;
  }

  private static List<String> goMods(JsonNode commits) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode commit : commits) {
      for (String field : List.of("added", "modified")) {
        for (JsonNode file : commit.path(field)) {
          String name = file.asText("");
          if ((name.equals("go.mod") || name.endsWith("/go.mod")) && out.size() < MAX_GO_MODS) {
            out.add(name);
          }
        }
      }
    }
    return List.copyOf(out);
  }

  private static String text(JsonNode root, String... path) {
    JsonNode node = root;
    for (String p : path) {
      node = node.path(p);
    }
    if (!node.isTextual() || node.asText().isEmpty()) {
      throw new InvalidInputException("webhook body lacks " + String.join(".", path));
    }
    return node.asText();
  }

  private static String optional(JsonNode root, String field) {
    JsonNode node = root.path(field);
    return node.isTextual() ? node.asText() : "";
  }

  private static URI url(String text) {
    try {
      URI uri = new URI(text);
      if (uri.getHost() == null || !(text.startsWith("https://") || text.startsWith("http://"))) {
        throw new InvalidInputException("webhook repository URL is not http(s)");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidInputException("webhook repository URL is malformed");
    }
  }
}

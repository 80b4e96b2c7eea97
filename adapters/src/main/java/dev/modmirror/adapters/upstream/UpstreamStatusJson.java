package dev.modmirror.adapters.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.upstream.health.BreakerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * {@link UpstreamStatus} as JSON, the body of {@code GET /status/upstreams} and what {@code
 * modmirror upstreams --from} reads: {@code {"upstreams":[{"name","url","private","modules",
 * "weight","up","breaker","latencyMs","successRatio","inFlight","consecutiveFailures","opens",
 * "lastFailure"}]}}, {@code successRatio} null when nothing was counted.
 */
public final class UpstreamStatusJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private UpstreamStatusJson() {}

  public static String write(List<UpstreamStatus> status) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode array = root.putArray("upstreams");
    for (UpstreamStatus s : status) {
      ObjectNode o = array.addObject();
      o.put("name", s.name());
      o.put("url", s.url());
      o.put("private", s.isPrivate());
      o.put("modules", s.modules());
      o.put("weight", s.weight());
      o.put("up", s.up());
      o.put("breaker", s.breaker().name().toLowerCase(Locale.ROOT));
      o.put("latencyMs", Math.round(s.latencyMillis() * 10) / 10.0);
      if (s.successRatio().isPresent()) {
        o.put("successRatio", s.successRatio().getAsDouble());
      } else {
        o.putNull("successRatio");
      }
      o.put("inFlight", s.inFlight());
      o.put("consecutiveFailures", s.consecutiveFailures());
      o.put("opens", s.opens());
      o.put("lastFailure", s.lastFailure());
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }

  /**
   * @throws InvalidInputException if {@code text} is not such a document
   */
  public static List<UpstreamStatus> read(String text) {
    try {
      List<UpstreamStatus> out = new ArrayList<>();
      for (JsonNode o : JSON.readTree(text).required("upstreams")) {
        JsonNode ratio = o.path("successRatio");
        out.add(
            new UpstreamStatus(
                o.required("name").asText(),
                o.path("url").asText(""),
                o.path("private").asBoolean(),
                o.path("modules").asText(""),
                o.path("weight").asDouble(1),
                o.path("up").asBoolean(),
                BreakerState.valueOf(o.required("breaker").asText().toUpperCase(Locale.ROOT)),
                o.path("latencyMs").asDouble(),
                ratio.isNumber() ? OptionalDouble.of(ratio.asDouble()) : OptionalDouble.empty(),
                o.path("inFlight").asInt(),
                o.path("consecutiveFailures").asInt(),
                o.path("opens").asLong(),
                o.path("lastFailure").asText("")));
      }
      return out;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidInputException(
          "not an upstream status document: " + e.getClass().getSimpleName());
    }
  }
}

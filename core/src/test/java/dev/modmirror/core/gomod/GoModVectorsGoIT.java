package dev.modmirror.core.gomod;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modmirror.gotool.GoResult;
import dev.modmirror.gotool.GoSandbox;
import dev.modmirror.gotool.GoToolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The go command as referee of every go.mod vector: {@code go list -m} in a module holding the
 * vector (the go command loading its main module: x/mod's strict parse plus the main-module checks
 * of cmd/go) must accept what we accept and refuse what we refuse, at the same line (and column,
 * where Go prints one); for accepted vectors {@code go mod edit -json} must read the same
 * directives we read. Offline: GOPROXY is {@code off}, so a vector that would make Go load the
 * module graph (no {@code go} line of 1.17 or later, a non-canonical version) fails as a bad
 * vector.
 */
class GoModVectorsGoIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern POSITION = Pattern.compile("go\\.mod:(\\d+)(?::(\\d+))?: ");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static GoToolchain go;
  private static GoSandbox env;

  @BeforeAll
  static void findGo() {
    go = GoToolchain.require();
    env = GoSandbox.isolated("off", "off");
  }

  @AfterAll
  static void cleanUp() {
    if (env != null) {
      env.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> goReadsEveryVectorAsWeDo() {
    return GoModVectors.all().stream()
        .map(c -> DynamicTest.dynamicTest(c.toString(), () -> referee(c)));
  }

  private void referee(GoModVectors.Case c) throws IOException {
    Path dir = Files.createDirectories(env.root().resolve("vectors").resolve(c.toString()));
    Files.writeString(dir.resolve("go.mod"), c.text(), StandardCharsets.UTF_8);
    // First, on the file as written: with -mod=mod, go list may rewrite go.mod (add a go line,
    // drop a redundant toolchain line).
    GoResult edit = go.run(env, dir, TIMEOUT, "mod", "edit", "-json");
    GoResult list = go.run(env, dir, TIMEOUT, "list", "-m");
    String said = list.stdout() + list.stderr();
    assertThat(said)
        .as("%s made go look up modules: give it a go line of 1.17+ and canonical versions", c)
        .doesNotContain("module lookup disabled");
    boolean goAccepts = c.goAccepts(go.release());
    assertThat(list.ok())
        .as("%s on %s: expected go to %s; go said: %s", c, go.release(), verdict(goAccepts), said)
        .isEqualTo(goAccepts);
    if (c.sameFaultAsOurs(go.release())) {
      samePosition(c, said);
    }
    if (goAccepts && c.weAccept()) {
      assertThat(edit.ok()).as("go mod edit -json: %s", edit.stderr()).isTrue();
      // go mod edit sorts block lines and drops repeated exclude, replace and tool lines before
      // it prints: compare the sets of directives read.
      assertThat(ours(GoModParser.parse("go.mod", c.text())).stream().distinct())
          .as("%s: directives as go mod edit -json reads them", c)
          .containsExactlyInAnyOrderElementsOf(gos(JSON.readTree(edit.stdout())));
    }
  }

  private static String verdict(boolean accepts) {
    return accepts ? "accept" : "refuse";
  }

  /** Go's first {@code go.mod:LINE[:COL]: } names the line (and column) of our error. */
  private static void samePosition(GoModVectors.Case c, String said) {
    Matcher go = POSITION.matcher(said);
    if (!go.find()) {
      return; // a main-module check (module or tool path) that Go reports without a position
    }
    Matcher ours = POSITION.matcher(c.error());
    assertThat(ours.find()).as("%s: our error names no position", c).isTrue();
    assertThat(ours.group(1)).as("%s: line; go said: %s", c, said).isEqualTo(go.group(1));
    if (go.group(2) != null) {
      assertThat(ours.group(2)).as("%s: column; go said: %s", c, said).isEqualTo(go.group(2));
    }
  }

  /** Our reading, one line per directive, in the shape of {@link #gos}. */
  private static List<String> ours(GoModFile f) {
    List<String> out = new ArrayList<>();
    f.module().ifPresent(m -> out.add("module " + m));
    f.deprecated().ifPresent(d -> out.add("deprecated " + d));
    f.goVersion().ifPresent(v -> out.add("go " + v));
    f.toolchain().ifPresent(v -> out.add("toolchain " + v));
    f.godebugs().forEach(g -> out.add("godebug " + g.key() + "=" + g.value()));
    for (Requirement r : f.requirements()) {
      out.add("require " + r.ref().path() + " " + r.ref().version() + indirect(r.indirect()));
    }
    f.excludes().forEach(e -> out.add("exclude " + e.ref().path() + " " + e.ref().version()));
    for (Replace r : f.replaces()) {
      out.add(
          "replace "
              + r.oldPath()
              + r.oldVersion().map(v -> " " + v).orElse("")
              + " => "
              + r.newPath()
              + r.newVersion().map(v -> " " + v).orElse(""));
    }
    f.retracts()
        .forEach(r -> out.add("retract [" + r.low() + ", " + r.high() + "] " + r.rationale()));
    f.tools().forEach(t -> out.add("tool " + t.path()));
    f.ignores().forEach(i -> out.add("ignore " + i.path()));
    return out;
  }

  /** {@code go mod edit -json}'s reading, one line per directive. */
  private static List<String> gos(JsonNode j) {
    List<String> out = new ArrayList<>();
    JsonNode module = j.path("Module");
    if (module.has("Path")) {
      out.add("module " + module.get("Path").asText());
    }
    if (module.has("Deprecated")) {
      out.add("deprecated " + module.get("Deprecated").asText());
    }
    text(j, "Go").forEach(v -> out.add("go " + v));
    text(j, "Toolchain").forEach(v -> out.add("toolchain " + v));
    for (JsonNode g : j.path("GoDebug")) {
      out.add("godebug " + g.path("Key").asText() + "=" + g.path("Value").asText());
    }
    for (JsonNode r : j.path("Require")) {
      out.add(
          "require "
              + r.path("Path").asText()
              + " "
              + r.path("Version").asText()
              + indirect(r.path("Indirect").asBoolean()));
    }
    for (JsonNode e : j.path("Exclude")) {
      out.add("exclude " + e.path("Path").asText() + " " + e.path("Version").asText());
    }
    for (JsonNode r : j.path("Replace")) {
      out.add("replace " + pathVersion(r.path("Old")) + " => " + pathVersion(r.path("New")));
    }
    for (JsonNode r : j.path("Retract")) {
      String low = r.path("Low").asText();
      String high = r.path("High").asText();
      out.add("retract [" + low + ", " + high + "] " + r.path("Rationale").asText());
    }
    for (JsonNode t : j.path("Tool")) {
      out.add("tool " + t.path("Path").asText());
    }
    for (JsonNode i : j.path("Ignore")) {
      out.add("ignore " + i.path("Path").asText());
    }
    return out;
  }

  private static List<String> text(JsonNode j, String field) {
    return j.hasNonNull(field) ? List.of(j.get(field).asText()) : List.of();
  }

  private static String pathVersion(JsonNode n) {
    String v = n.path("Version").asText("");
    return n.path("Path").asText() + (v.isEmpty() ? "" : " " + v);
  }

  private static String indirect(boolean indirect) {
    return indirect ? " // indirect" : "";
  }
}

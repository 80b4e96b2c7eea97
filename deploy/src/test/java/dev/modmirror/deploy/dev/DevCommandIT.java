package dev.modmirror.deploy.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.gotool.GoToolchain;
import dev.modmirror.gotool.ModDownload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code modmirror dev} as a user runs it: whole mirror, real embedded servers, JSON report. */
class DevCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void warmsTheBuiltInSampleIntoBothRegions() throws Exception {
    Run run = dev("--json-lines", "--data-dir", dir.resolve("data").toString());

    assertThat(run.exit()).as(run.err()).isZero();
    // One JSON object per line, one line per version, nothing else on stdout.
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(SampleUpstream.modules().size());
    for (String line : lines) {
      JsonNode r = JSON.readTree(line);
      assertThat(r.isObject()).as(line).isTrue();
      assertThat(r.get("status").asText()).as(r.toString()).isEqualTo("warmed");
      assertThat(r.get("regions").get("region-1").asText()).isEqualTo("ok");
      assertThat(r.get("regions").get("region-2").asText()).isEqualTo("ok");
      assertThat(r.get("traceId").asText()).matches("[0-9a-f]{32}");
    }
  }

  @Test
  void hashesOfAForeignTreeEqualGosAndAMissingVersionIsNotFound() throws Exception {
    GoToolchain go = GoToolchain.require();
    Path tree = dir.resolve("tree");
    List<BuiltModule> modules =
        List.of(
            ModuleBuilder.module("example.org/Foreign/Tree")
                .version("v1.4.2")
                .goMod("module example.org/Foreign/Tree\n\ngo 1.19\n")
                .file("tree.go", "package tree\n")
                .file("nested/dir/leaf.go", "package dir\n")
                .file("data/blob.bin", new byte[] {0, 1, 2, (byte) 0xff})
                .build(),
            ModuleBuilder.module("example.org/plain")
                .version("v0.0.0-20250102030405-0123456789ab")
                .file("plain.go", "package plain\n")
                .build());
    StringBuilder goMod = new StringBuilder("module example.org/app\n\ngo 1.19\n\nrequire (\n");
    for (BuiltModule m : modules) {
      m.writeTo(tree);
      goMod.append('\t').append(m.ref().path()).append(' ').append(m.ref().version()).append('\n');
    }
    goMod.append("\texample.org/absent v1.0.0\n)\n");
    Path goModFile = Files.writeString(dir.resolve("go.mod"), goMod);

    Run run =
        dev(
            "--upstream",
            tree.toUri().toString(),
            "--gomod",
            goModFile.toString(),
            "--json",
            "--data-dir",
            dir.resolve("data").toString());

    assertThat(run.exit()).as("a version is missing, so not every version is warmed").isOne();
    Map<String, JsonNode> byModule = new HashMap<>();
    JSON.readTree(run.out()).forEach(r -> byModule.put(r.get("module").asText(), r));
    for (BuiltModule m : modules) {
      JsonNode report = byModule.get(m.ref().path().value());
      ModDownload referee = go.modDownloadJson(tree.toUri().toString(), "off", m.ref().key());
      assertThat(referee.ok()).as(referee.toString()).isTrue();
      assertThat(report.get("h1").asText()).isEqualTo(referee.sum());
      assertThat(report.get("gomodH1").asText()).isEqualTo(referee.goModSum());
      assertThat(report.get("status").asText()).isEqualTo("warmed");
    }
    JsonNode absent = byModule.get("example.org/absent");
    assertThat(absent.get("status").asText()).isEqualTo("not-found");
    assertThat(absent.get("reason").asText()).isNotBlank();
  }

  @Test
  void goModSyntaxErrorExitsTwoNamingTheLine() throws Exception {
    Path goModFile = Files.writeString(dir.resolve("go.mod"), "module example.org/x\nrequire (\n");

    Run run =
        dev(
            "--upstream",
            dir.toUri().toString(),
            "--gomod",
            goModFile.toString(),
            "--data-dir",
            dir.resolve("data").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains(goModFile + ":");
  }

  private static Run dev(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new CommandLine(
                new DevCommand(
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)))
            .execute(args);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Run(int exit, String out, String err) {}
}

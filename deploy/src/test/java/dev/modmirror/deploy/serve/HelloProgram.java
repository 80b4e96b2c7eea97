package dev.modmirror.deploy.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.gotool.GoResult;
import dev.modmirror.gotool.GoSandbox;
import dev.modmirror.gotool.GoToolchain;
import dev.modmirror.gotool.RealModules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small real program (cobra, uuid, x/sync; {@code src/test/resources/interop/hello}) that the go
 * command builds through modmirror, and the checks made on that build. The modules its go.sum names
 * are downloaded by the go command into the real-module cache once ({@link RealModules}), so later
 * runs are offline.
 */
final class HelloProgram {
  private static final String DIR = "/interop/hello/";
  private static final List<String> FILES = List.of("main.go", "go.mod", "go.sum");

  private HelloProgram() {}

  /** Every module version the program's go.sum names, downloaded; the corpus cache holds them. */
  static RealModules download(GoToolchain go) throws IOException {
    return RealModules.download(go, versions());
  }

  /** {@code module@version} of every go.sum line, each once, in file order. */
  static List<String> versions() throws IOException {
    Set<String> versions = new LinkedHashSet<>();
    for (String line : resource("go.sum").split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length == 3) {
        versions.add(f[0] + "@" + f[1].replace("/go.mod", ""));
      }
    }
    return List.copyOf(versions);
  }

  /** A go.mod requiring every version the program needs: what modmirror is asked to warm. */
  static String depsGoMod() throws IOException {
    StringBuilder goMod =
        new StringBuilder("module example.com/hello-deps\n\ngo 1.21\n\nrequire (\n");
    versions().forEach(m -> goMod.append('\t').append(m.replace('@', ' ')).append('\n'));
    return goMod.append(")\n").toString();
  }

  /**
   * Builds the program with an empty module cache and no go.sum, through {@code goproxy} only, and
   * checks that it built, that {@code go mod verify} passes, and that the go.sum the go command
   * wrote (every line of it verified by the checksum database) agrees with the original.
   */
  static void buildsAndVerifiesThrough(GoToolchain go, String goproxy, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    for (String file : FILES) {
      Files.writeString(dir.resolve(file), resource(file));
    }
    Files.delete(dir.resolve("go.sum"));
    try (GoSandbox env = client(goproxy)) {
      GoResult build = go.run(env, dir, Duration.ofMinutes(3), "build", "-o", "hello", ".");
      assertThat(build.ok()).as(build.stderr()).isTrue();
      GoResult verify = go.run(env, dir, Duration.ofMinutes(1), "mod", "verify");
      assertThat(verify.ok()).as(verify.stderr()).isTrue();
      assertThat(verify.stdout()).contains("all modules verified");
    }
    List<String> verified = Files.readAllLines(dir.resolve("go.sum"));
    assertThat(verified).isSubsetOf(List.of(resource("go.sum").split("\n")));
    assertThat(verified)
        .contains(
            "github.com/spf13/cobra v1.8.0 h1:7aJaZx1B85qltLMc546zn58BxxfZdR/W22ej9CFoEf0=",
            "github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=",
            "golang.org/x/sync v0.7.0 h1:YsImfSBoP9QPYL0xyKJPq0gcaJdG3rInoqxTWbfQu9M=");
  }

  /** A version absent from the mirror: the go command must report it not found. */
  static void missingVersionIsNotFound(GoToolchain go, String goproxy) {
    try (GoSandbox env = client(goproxy)) {
      GoResult missing =
          go.run(
              env,
              env.root(),
              Duration.ofMinutes(1),
              "mod",
              "download",
              "-json",
              "github.com/google/uuid@v1.5.0");
      assertThat(missing.ok()).isFalse();
      assertThat(missing.stdout() + missing.stderr()).contains("404 Not Found");
    }
  }

  /**
   * A go command whose only GOPROXY is {@code goproxy}, with an empty module cache, verifying with
   * sum.golang.org, and whose direct https requests (to a checksum database, say) all fail:
   * loopback requests are never proxied, so only what modmirror passes through can verify.
   */
  static GoSandbox client(String goproxy) {
    return GoSandbox.isolated(goproxy, "sum.golang.org")
        .with(
            Map.of(
                "HTTPS_PROXY", "http://127.0.0.1:9",
                "HTTP_PROXY", "http://127.0.0.1:9",
                "GONOSUMDB", "",
                "GOPRIVATE", "",
                "GONOPROXY", ""));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = HelloProgram.class.getResourceAsStream(DIR + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

package dev.modmirror.gotool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GoSandboxTest {

  @Test
  void isolatesEverythingUnderOneTempDirAndDeletesReadOnlyTrees() throws Exception {
    Path root;
    try (GoSandbox env = GoSandbox.isolated("http://127.0.0.1:1", null)) {
      root = env.root();
      assertThat(env.variables())
          .containsEntry("GOPROXY", "http://127.0.0.1:1")
          .containsEntry("GOSUMDB", "off")
          .containsEntry("GOTOOLCHAIN", "local")
          .containsEntry("GOFLAGS", "-mod=mod")
          .containsEntry("GO111MODULE", "on")
          .doesNotContainKeys("GONOSUMDB", "GOPRIVATE", "GONOSUMCHECK");
      for (String key : new String[] {"HOME", "GOPATH", "GOMODCACHE", "GOCACHE"}) {
        assertThat(Path.of(env.variables().get(key))).startsWithRaw(root);
      }
      Path readOnly = Files.createDirectories(env.modCache().resolve("x"));
      Files.writeString(readOnly.resolve("f"), "x");
      readOnly.toFile().setWritable(false);
    }
    assertThat(root).doesNotExist();
  }

  @Test
  void withReplacesVariablesButKeepsTheDirectories() {
    try (GoSandbox env = GoSandbox.isolated("off", "off")) {
      GoSandbox other = env.with(java.util.Map.of("GOPROXY", "file:///x", "GONOSUMDB", "a.com"));
      assertThat(other.root()).isEqualTo(env.root());
      assertThat(other.modCache()).isEqualTo(env.modCache());
      assertThat(other.variables())
          .containsEntry("GOPROXY", "file:///x")
          .containsEntry("GONOSUMDB", "a.com")
          .containsEntry("GOSUMDB", "off");
      assertThat(env.variables()).containsEntry("GOPROXY", "off").doesNotContainKey("GONOSUMDB");
    }
  }
}

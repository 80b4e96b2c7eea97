package dev.modmirror.gotool;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class RealModulesGoIT {
  @TempDir Path cache;

  @Test
  void anUnreachableProxyOnAFirstRunFailsWithOneClearMessage() {
    GoToolchain go = GoToolchain.require();
    // Port 1 on loopback: nothing listens, the go command gets "connection refused" at once.
    RealModules.MachineGo dead = new RealModules.MachineGo("http://127.0.0.1:1", "off");
    assertThatThrownBy(
            () -> RealModules.download(go, List.of("github.com/google/uuid@v1.6.0"), cache, dead))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(
            "the go command could not download the real-module corpus entry"
                + " github.com/google/uuid@v1.6.0 through GOPROXY=http://127.0.0.1:1")
        .hasMessageContaining("connection refused")
        .hasMessageContaining("The first run needs the Go module proxy");
  }
}

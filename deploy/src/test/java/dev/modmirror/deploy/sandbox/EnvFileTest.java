package dev.modmirror.deploy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {
  @TempDir Path dir;

  @Test
  void writesShellExportLinesThatReadBackInOrder() throws Exception {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("MODMIRROR_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    vars.put("MODMIRROR_S3_SECRET_KEY", "it's a secret");
    Path file = dir.resolve("sandbox.env");

    EnvFile.write(file, EnvFile.render(vars));

    assertThat(Files.readString(file))
        .isEqualTo(
            "export MODMIRROR_KAFKA_BOOTSTRAP='127.0.0.1:9092'\n"
                + "export MODMIRROR_S3_SECRET_KEY='it'\\''s a secret'\n");
    assertThat(EnvFile.read(file)).containsExactlyEntriesOf(vars);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void refusesALineTheSandboxDoesNotWrite() throws Exception {
    Path file = dir.resolve("odd.env");
    Files.writeString(file, "MODMIRROR_KAFKA_BOOTSTRAP=x\n");

    assertThatThrownBy(() -> EnvFile.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a sandbox env line");
  }
}

package dev.modmirror.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md cannot drift from the code: every {@code MODMIRROR_*} name the code reads
 * is documented, every documented one is read, and every one a manifest in deploy/ sets is read.
 * (The Helm chart's rendered output is checked the same way by HelmChartIT.)
 */
class ConfigurationDocTest {
  private static final Set<String> READ = ConfigNames.read();
  private static final Set<String> DOCUMENTED = ConfigNames.documented();

  @Test
  void everySettingTheCodeReadsIsDocumented() {
    Set<String> undocumented = new TreeSet<>(READ);
    undocumented.removeAll(DOCUMENTED);
    assertThat(undocumented).as("read by the code, missing from docs/configuration.md").isEmpty();
  }

  @Test
  void everyDocumentedSettingIsRead() {
    Set<String> unread = new TreeSet<>(DOCUMENTED);
    unread.removeAll(READ);
    assertThat(unread).as("in docs/configuration.md, read by no code").isEmpty();
  }

  @Test
  void readsTheNamesOfRegionsAndUpstreamsAsTheDocsWriteThem() {
    assertThat(READ)
        .contains(
            "MODMIRROR_REGION_<NAME>_ENDPOINT",
            "MODMIRROR_UPSTREAM_<NAME>_URL",
            "MODMIRROR_WARMER_HTTP_PORT",
            "MODMIRROR_LOG_LEVEL",
            "MODMIRROR_JAVA_OPTS");
    assertThat(ConfigNames.known(READ, "MODMIRROR_REGION_EU_WEST_SECRET_KEY")).isTrue();
    assertThat(ConfigNames.known(READ, "MODMIRROR_REGION_EU_WEST_SECRETKEY")).isFalse();
    assertThat(ConfigNames.known(READ, "MODMIRROR_KAFKA_BOOTSTRAP_SERVERS")).isFalse();
  }

  @Test
  void everyVariableTheComposeAndKubernetesManifestsSetIsRead() throws IOException {
    Path deploy = ConfigNames.root().resolve("deploy");
    Set<String> unknown = new TreeSet<>();
    int files = 0;
    try (Stream<Path> paths = Files.walk(deploy)) {
      for (Path p : paths.filter(ConfigurationDocTest::isManifest).toList()) {
        files++;
        for (String name : ConfigNames.setIn(Files.readString(p))) {
          if (!ConfigNames.known(READ, name)) {
            unknown.add(deploy.relativize(p) + ": " + name);
          }
        }
      }
    }
    assertThat(files).as("manifests found under deploy/compose and deploy/kubernetes").isPositive();
    assertThat(unknown).as("set by a manifest, read by no code").isEmpty();
  }

  private static boolean isManifest(Path p) {
    String s = p.toString();
    return Files.isRegularFile(p)
        && (s.contains("/deploy/compose/")
            || s.contains("/deploy/kubernetes/")
            || s.contains("/deploy/helm/"))
        && !s.contains("/target/");
  }
}

package dev.modmirror.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.TopicPlan;
import dev.modmirror.adapters.kafka.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart (deploy/helm/modmirror) lints, renders for every region layout, and every rendered
 * object decodes strictly as the Kubernetes API types of Helm's own k8s.io/api release (unknown or
 * duplicate fields refused), under the chart's pod policy; every MODMIRROR_ variable it sets is one
 * the code reads; its Strimzi topics are the topic plan.
 */
class HelmChartIT {
  private static final Path CHART = ConfigNames.root().resolve("deploy/helm/modmirror");
  private static final Set<String> READ = ConfigNames.read();

  private static String render(String values, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("template", "mm", ".", "-f", values));
    args.addAll(List.of(more));
    DeployTool.Run r = DeployTool.get().helm(CHART, args.toArray(String[]::new));
    assertThat(r.ok()).as("helm template -f %s: %s", values, r.stderr()).isTrue();
    return r.stdout();
  }

  private static List<String> strictlyParsed(String objects) {
    DeployTool.Run r = DeployTool.get().k8s(objects);
    assertThat(r.ok()).as("strict decoding: %s", r.stderr()).isTrue();
    return r.stdout().lines().toList();
  }

  private static long count(List<String> parsed, String kind) {
    return parsed.stream().filter(l -> l.contains(" " + kind + "/")).count();
  }

  @ParameterizedTest
  @ValueSource(strings = {"values.yaml", "values-one-region.yaml", "values-three-regions.yaml"})
  void lintsRendersAndParsesStrictlyForEveryRegionLayout(String values) {
    DeployTool.Run lint = DeployTool.get().helm(CHART, "lint", "--strict", ".", "-f", values);
    assertThat(lint.ok()).as("helm lint: %s %s", lint.stdout(), lint.stderr()).isTrue();
    assertThat(lint.stdout()).contains("1 chart(s) linted, 0 chart(s) failed");

    String rendered = render(values);
    List<String> parsed = strictlyParsed(rendered);
    int regions = values.contains("three") ? 3 : 1;
    // ingest, warmer, then a replicator and a serve per region; a PDB for each.
    assertThat(count(parsed, "Deployment")).isEqualTo(2 + 2 * regions);
    assertThat(count(parsed, "PodDisruptionBudget")).isEqualTo(2 + 2 * regions);
    assertThat(count(parsed, "Ingress")).isEqualTo(1);
    assertThat(count(parsed, "HorizontalPodAutoscaler"))
        .isEqualTo(values.contains("one-region") ? 0 : 1);
    assertThat(count(parsed, "Secret")).isEqualTo(values.contains("three") ? 0 : 1);

    Set<String> unknown = new TreeSet<>();
    ConfigNames.setIn(rendered).stream()
        .filter(n -> !ConfigNames.known(READ, n))
        .forEach(unknown::add);
    assertThat(unknown).as("set by the chart, read by no code").isEmpty();
  }

  @Test
  void strimziTopicsAreTheTopicPlan() {
    List<String> parsed = strictlyParsed(render("values-three-regions.yaml"));
    TreeMap<String, String> rendered = new TreeMap<>();
    parsed.stream()
        .filter(l -> l.contains(" KafkaTopic/"))
        .forEach(
            l -> {
              String rest = l.substring(l.indexOf("KafkaTopic/") + "KafkaTopic/".length());
              rendered.put(
                  rest.substring(0, rest.indexOf(' ')), rest.substring(rest.indexOf(' ') + 1));
            });
    KafkaBusConfig cluster =
        new KafkaBusConfig("k:9092", "t", 24, (short) 3, Duration.ofSeconds(30));
    TreeMap<String, String> planned = new TreeMap<>();
    for (TopicSpec t : TopicPlan.of(cluster)) {
      planned.put(
          t.name(),
          "partitions="
              + t.partitions()
              + " replicas="
              + t.replicationFactor()
              + " config="
              + new TreeMap<>(t.configs())
                  .entrySet().stream()
                      .map(e -> e.getKey() + "=" + e.getValue())
                      .collect(Collectors.joining(",")));
    }
    assertThat(rendered).isEqualTo(planned);
  }

  @Test
  void refusesAnUnknownFieldAndAWritableRootFileSystem() {
    DeployTool.Run typo =
        DeployTool.get()
            .k8s(render("values.yaml", "--set", "containerSecurityContext.readOnlyRootFs=true"));
    assertThat(typo.ok()).isFalse();
    assertThat(typo.stderr())
        .contains(
            "strict decoding error: unknown field \"spec.template.spec.containers[0].securityContext.readOnlyRootFs\"");

    DeployTool.Run writable =
        DeployTool.get()
            .k8s(
                render(
                    "values.yaml",
                    "--set",
                    "containerSecurityContext.readOnlyRootFilesystem=false"));
    assertThat(writable.ok()).isFalse();
    assertThat(writable.stderr())
        .contains("Deployment/mm-modmirror-warmer: warmer: readOnlyRootFilesystem is not true");
  }
}

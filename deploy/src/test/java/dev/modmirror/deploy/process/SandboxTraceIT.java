package dev.modmirror.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.deploy.process.OtlpReceiver.ReceivedSpan;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The services as separate processes, as production runs them: {@code modmirror sandbox} (broker
 * and S3 endpoints), then {@code ingest} (its dedupe stage), {@code warmer}, {@code replicator} and
 * {@code serve}, each a JVM of its own configured only by the sandbox's env file and standard
 * {@code OTEL_*} variables, exporting OTLP/HTTP to a loopback receiver that decodes with the
 * official protobuf classes. One module version's spans must arrive under one trace id from every
 * process, with one copy span per region.
 */
class SandboxTraceIT {
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final BuiltModule INGESTED =
      ModuleBuilder.module("example.com/traced")
          .version("v1.0.0")
          .file("a.go", "package a\n")
          .build();
  private static final BuiltModule MISSED =
      ModuleBuilder.module("example.com/Missed")
          .version("v1.1.0")
          .file("b.go", "package b\n")
          .build();

  private static Path work;
  private static OtlpReceiver receiver;
  private static FakeGoProxy upstream;
  private static SandboxProcesses sandbox;
  private static ServiceProcess warmer;
  private static ServiceProcess replicator;
  private static ServiceProcess serve;
  private static String serveBase;

  @BeforeAll
  static void startTheServices() throws Exception {
    work = Files.createTempDirectory("sandbox-trace-");
    receiver = OtlpReceiver.start();
    upstream = FakeGoProxy.start();
    upstream.add(INGESTED);
    upstream.add(MISSED);
    sandbox =
        SandboxProcesses.start(
            work,
            Map.of(
                "MODMIRROR_UPSTREAM", upstream.baseUrl().toString(),
                "MODMIRROR_GOSUMDB", "off",
                "MODMIRROR_WARMER_SPOOL_DIR", work.toString(),
                "MODMIRROR_REPLICATOR_SPOOL_DIR", work.toString(),
                "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
                "OTEL_BSP_SCHEDULE_DELAY", "100",
                "OTEL_METRIC_EXPORT_INTERVAL", "1000"));
    sandbox.startIngestService(work.resolve("streams"));
    warmer = sandbox.start("warmer", Map.of(), "warmer");
    replicator = sandbox.start("replicator", Map.of(), "replicator");
    serve = sandbox.start("serve", Map.of(), "serve", "--listen", "127.0.0.1:0", "--warm-on-miss");
    serveBase = serve.awaitLine(Pattern.compile("^serving (http://\\S+) from primary"), WAIT);
  }

  @AfterAll
  static void stop() throws Exception {
    if (sandbox != null) {
      sandbox.close();
    }
    if (upstream != null) {
      upstream.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (work != null) {
      TempDirs.deleteTree(work);
    }
  }

  @Test
  void oneVersionsSpansArriveUnderOneTraceFromEveryProcess() throws Exception {
    // A go client asks serve for a version it lacks: the miss is requested, deduplicated by the
    // ingest service, warmed and copied to both regions, all in the trace of that first request.
    assertThat(get("/example.com/!missed/@v/v1.1.0.info").statusCode()).isEqualTo(404);

    List<ReceivedSpan> copies = awaitRegionCopies(MISSED.ref());
    String traceId = copies.get(0).traceId();
    assertThat(copies).extracting(ReceivedSpan::traceId).containsOnly(traceId);
    List<ReceivedSpan> trace = spansOf(traceId);
    assertThat(services(trace))
        .containsExactlyInAnyOrder(
            "modmirror-serve", "modmirror-ingest", "modmirror-warmer", "modmirror-replicator");
    assertThat(trace)
        .filteredOn(s -> s.service().equals("modmirror-serve") && s.name().equals("GET goproxy"))
        .singleElement()
        .satisfies(s -> assertThat(s.parentSpanId()).as("the trace's root").isEmpty());
    assertThat(trace.stream().map(ReceivedSpan::name))
        .contains(
            "send modmirror.requests.v1",
            "ingest.dedupe",
            "process modmirror.warm.urgent.v1",
            "warmer.warm",
            "warmer.fetch",
            "warmer.verify",
            "warmer.store",
            "store.put",
            "send modmirror.warmed.v1",
            "process modmirror.warmed.v1",
            "replicator.copy");
    assertThat(trace)
        .filteredOn(s -> s.name().equals("replicator.copy"))
        .extracting(s -> s.attributes().get("modmirror.region"))
        .containsExactlyInAnyOrder("region-1", "region-2");
    assertThat(trace)
        .filteredOn(s -> s.name().equals("GET") && s.service().equals("modmirror-warmer"))
        .as("an HTTP client span per upstream fetch")
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(trace)
        .filteredOn(s -> s.name().equals("store.put") && s.service().equals("modmirror-replicator"))
        .as("a storage span for the .mod and .zip put of every region copy")
        .extracting(
            s ->
                s.attributes().get("modmirror.store")
                    + " "
                    + s.attributes().get("modmirror.artifact"))
        .containsExactlyInAnyOrder("region-1 mod", "region-1 zip", "region-2 mod", "region-2 zip");
    assertThat(trace)
        .filteredOn(
            s -> s.name().equals("store.create_info") && s.service().equals("modmirror-replicator"))
        .as("the .info of every region copy, written only if absent")
        .extracting(s -> s.attributes().get("modmirror.store"))
        .containsExactlyInAnyOrder("region-1", "region-2");
    assertThat(awaitStatus("/example.com/!missed/@v/v1.1.0.info", 200)).isEqualTo(200);
  }

  @Test
  void aGoModIngestedByHandIsOneTraceToTheLastRegionAndLogsCarryIt() throws Exception {
    Path goMod = work.resolve("go.mod");
    Files.writeString(
        goMod, "module example.com/app\n\ngo 1.21\n\nrequire example.com/traced v1.0.0\n");
    ServiceProcess ingest = sandbox.start("ingest-file", Map.of(), "ingest", goMod.toString());
    assertThat(ingest.awaitExit(WAIT)).as(ingest.logs()).isZero();

    List<ReceivedSpan> copies = awaitRegionCopies(INGESTED.ref());
    String traceId = copies.get(0).traceId();
    List<ReceivedSpan> trace = spansOf(traceId);
    assertThat(services(trace))
        .contains("modmirror-ingest", "modmirror-warmer", "modmirror-replicator");
    assertThat(trace.stream().map(ReceivedSpan::name)).contains("ingest.publish", "ingest.dedupe");
    HttpResponse<byte[]> zip = get("/example.com/traced/@v/v1.0.0.zip");
    assertThat(zip.statusCode()).isEqualTo(200);
    assertThat(zip.body()).isEqualTo(INGESTED.zip());
    // The services log JSON lines; a line about the version carries its trace, span, module and
    // version from the MDC.
    assertThat(warmer.stderrLines())
        .map(SandboxTraceIT::json)
        .anySatisfy(
            line -> {
              assertThat(line.path("formattedMessage").asText())
                  .startsWith("warmed example.com/traced@v1.0.0");
              assertThat(line.path("mdc").path("trace_id").asText()).isEqualTo(traceId);
              assertThat(line.path("mdc").path("span_id").asText()).hasSize(16);
              assertThat(line.path("mdc").path("module").asText()).isEqualTo("example.com/traced");
              assertThat(line.path("mdc").path("version").asText()).isEqualTo("v1.0.0");
            });
  }

  private static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not a JSON log line: " + line, e);
    }
  }

  private static List<ReceivedSpan> awaitRegionCopies(ModuleRef ref) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      List<ReceivedSpan> copies =
          receiver.spans().stream()
              .filter(s -> s.name().equals("replicator.copy"))
              .filter(s -> ref.path().value().equals(s.attributes().get("go.module.path")))
              .filter(s -> ref.version().value().equals(s.attributes().get("go.module.version")))
              .toList();
      if (copies.size() >= 2) {
        return copies;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "no copy span per region for "
            + ref
            + "; received "
            + names(receiver.spans())
            + warmer.logs()
            + replicator.logs());
  }

  private static List<ReceivedSpan> await(Predicate<List<ReceivedSpan>> done, String traceId)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      if (done.test(spansOf(traceId))) {
        return spansOf(traceId);
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "trace " + traceId + " incomplete: " + names(spansOf(traceId)) + serve.logs());
  }

  private static int awaitStatus(String path, int status) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    int last = -1;
    while (Instant.now().isBefore(deadline)) {
      last = get(path).statusCode();
      if (last == status) {
        return last;
      }
      Thread.sleep(200);
    }
    return last;
  }

  private static List<ReceivedSpan> spansOf(String traceId) {
    return receiver.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  private static Set<String> services(List<ReceivedSpan> spans) {
    return spans.stream().map(ReceivedSpan::service).collect(Collectors.toSet());
  }

  private static List<String> names(List<ReceivedSpan> spans) {
    return spans.stream().map(s -> s.service() + ":" + s.name()).sorted().toList();
  }

  private static HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(serveBase + path))
            .timeout(Duration.ofSeconds(30))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
  }
}

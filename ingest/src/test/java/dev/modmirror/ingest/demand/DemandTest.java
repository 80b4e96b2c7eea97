package dev.modmirror.ingest.demand;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.event.DemandKind;
import dev.modmirror.core.event.DemandObserved;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemandTest {
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private final RecordDemand demand =
      new RecordDemand(bus, "", OpenTelemetry.noop(), Clock.systemUTC());

  @AfterEach
  void close() {
    bus.close();
  }

  @Test
  void readsNginxCombinedLines() {
    AccessLogLine line =
        AccessLogLine.parse(
                AccessLogLine.Format.AUTO,
                "10.0.0.1 - - [25/Nov/2026:10:15:30 +0000] \"GET /github.com/!azure/x/@v/v1.2.3.zip?x=1 HTTP/1.1\" 200 8618 \"-\" \"Go-http-client/1.1\"")
            .orElseThrow();
    assertThat(line.path()).isEqualTo("/github.com/!azure/x/@v/v1.2.3.zip");
    assertThat(line.status()).isEqualTo(200);
    assertThat(line.at()).contains(Instant.parse("2026-11-25T10:15:30Z"));
  }

  @Test
  void readsAthensJsonAndTextLines() {
    AccessLogLine json =
        AccessLogLine.parse(
                AccessLogLine.Format.ATHENS,
                "{\"http-method\":\"GET\",\"http-path\":\"/golang.org/x/text/@v/v0.3.7.info\",\"http-status\":\"200\",\"level\":\"info\",\"msg\":\"incoming request\",\"request-id\":\"r\",\"time\":\"2026-11-25T10:15:30Z\"}")
            .orElseThrow();
    assertThat(json.path()).isEqualTo("/golang.org/x/text/@v/v0.3.7.info");
    assertThat(json.at()).contains(Instant.parse("2026-11-25T10:15:30Z"));
    AccessLogLine text =
        AccessLogLine.parse(
                AccessLogLine.Format.AUTO,
                "INFO[7:11PM]: incoming request\thttp-method=GET http-path=/golang.org/x/text/@v/list http-status=\u001B[32m200\u001B[0m request-id=x")
            .orElseThrow();
    assertThat(text.path()).isEqualTo("/golang.org/x/text/@v/list");
    assertThat(text.status()).isEqualTo(200);
    assertThat(AccessLogLine.parse(AccessLogLine.Format.AUTO, "INFO something else")).isEmpty();
  }

  @Test
  void publishesDemandAndOneRequestPerVersion() throws Exception {
    BlockingQueue<DemandObserved> seen = new LinkedBlockingQueue<>();
    BlockingQueue<VersionRequested> requested = new LinkedBlockingQueue<>();
    bus.subscribe(Topics.DEMAND, "t", seen::add);
    bus.subscribe(Topics.REQUESTS, "t", requested::add);
    ModuleRef ref = ModuleRef.of("github.com/Azure/x", "v1.2.3");

    assertThat(demand.record("/github.com/!azure/x/@v/v1.2.3.info", Optional.empty(), "t"))
        .isEqualTo(RecordDemand.Result.DEMAND);
    assertThat(demand.record("/github.com/!azure/x/@v/v1.2.3.zip", Optional.empty(), "t"))
        .isEqualTo(RecordDemand.Result.DEMAND);
    assertThat(demand.record("/github.com/!azure/x/@v/list", Optional.empty(), "t"))
        .isEqualTo(RecordDemand.Result.MODULE_ONLY);
    assertThat(demand.record("/../../etc/passwd/@v/v1.0.0.info", Optional.empty(), "t"))
        .isEqualTo(RecordDemand.Result.INVALID);
    assertThat(demand.record("/sumdb/sum.golang.org/supported", Optional.empty(), "t"))
        .isEqualTo(RecordDemand.Result.NOT_GOPROXY);

    assertThat(seen.poll(5, TimeUnit.SECONDS).kind()).isEqualTo(DemandKind.INFO);
    assertThat(seen.poll(5, TimeUnit.SECONDS).ref()).isEqualTo(ref);
    VersionRequested request = requested.poll(5, TimeUnit.SECONDS);
    assertThat(request.ref()).isEqualTo(ref);
    assertThat(request.source()).isEqualTo(RequestSource.DEMAND);
    assertThat(requested.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void tailsAppendedLinesAndFollowsRotation(@TempDir Path dir) throws Exception {
    BlockingQueue<DemandObserved> seen = new LinkedBlockingQueue<>();
    bus.subscribe(Topics.DEMAND, "t", seen::add);
    Path log = dir.resolve("access.log");
    Files.writeString(log, nginx("example.com/old", "v1.0.0"));
    TailAccessLog tail =
        new TailAccessLog(log, AccessLogLine.Format.NGINX, demand, Duration.ofMillis(20), false);
    Thread thread = new Thread(tail);
    thread.start();
    try {
      // The old line is not replayed; an appended one is read, also when written in two parts.
      assertThat(tail.awaitOpened(Duration.ofSeconds(10))).isTrue();
      String line = nginx("example.com/a", "v1.0.0");
      Files.writeString(log, line.substring(0, 20), StandardOpenOption.APPEND);
      Files.writeString(log, line.substring(20), StandardOpenOption.APPEND);
      assertThat(seen.poll(10, TimeUnit.SECONDS).ref().path().value()).isEqualTo("example.com/a");
      // Rotation: the file is replaced by a new, shorter one, read from its start.
      Files.delete(log);
      Files.writeString(log, nginx("example.com/b", "v1.0.0"));
      assertThat(seen.poll(10, TimeUnit.SECONDS).ref().path().value()).isEqualTo("example.com/b");
      assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).isNull();
    } finally {
      tail.stop();
      thread.join(5000);
    }
  }

  private static String nginx(String module, String version) {
    return "10.0.0.1 - - [25/Nov/2026:10:15:30 +0000] \"GET /"
        + module
        + "/@v/"
        + version
        + ".mod HTTP/1.1\" 200 10 \"-\" \"Go-http-client/1.1\"\n";
  }
}

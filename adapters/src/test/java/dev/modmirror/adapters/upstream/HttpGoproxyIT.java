package dev.modmirror.adapters.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.upstream.Upstream;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import dev.modmirror.testkit.goproxy.Fault;
import dev.modmirror.testkit.goproxy.Match;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HttpGoproxy and the GOPROXY list against the test kit's FakeGoProxy and its fault injection. */
class HttpGoproxyIT {
  private static final UpstreamConfig CONFIG =
      UpstreamConfig.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(400));

  private final BuiltModule v1 = module("v1.0.0");
  private final BuiltModule v2 = module("v1.1.0");
  private FakeGoProxy fake;
  private HttpGoproxy proxy;

  private static BuiltModule module(String version) {
    return ModuleBuilder.module("example.com/warm/lib")
        .version(version)
        .goMod("module example.com/warm/lib\n\ngo 1.19\n")
        .file(
            "lib.go",
            "package lib\n\n// Version is " + version + ".\nconst Version = \"" + version + "\"\n")
        .build();
  }

  @BeforeEach
  void start() {
    fake = FakeGoProxy.start().add(v1).add(v2);
    proxy = new HttpGoproxy(fake.baseUrl(), CONFIG, HttpGoproxy.newClient(CONFIG));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  @Test
  void servesEveryArtifactByteForByteAndTheList() throws IOException {
    assertThat(readAll(proxy.open(v1.ref(), Artifact.ZIP))).isEqualTo(v1.zip());
    assertThat(readAll(proxy.open(v1.ref(), Artifact.MOD))).isEqualTo(v1.mod());
    assertThat(readAll(proxy.open(v1.ref(), Artifact.INFO))).isEqualTo(v1.info());
    assertThat(proxy.list(v1.ref().path()))
        .extracting(ModuleVersion::value)
        .containsExactly("v1.0.0", "v1.1.0");
  }

  @Test
  void latencyBeyondTheRequestTimeoutIsTransient() {
    fake.inject(Match.artifact(v1.ref(), Artifact.MOD), Fault.latency(Duration.ofMillis(1500)));
    assertThatThrownBy(() -> proxy.open(v1.ref(), Artifact.MOD))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("timed out");
  }

  @Test
  void serviceUnavailableIsTransient() {
    fake.inject(Match.artifact(v1.ref(), Artifact.ZIP), Fault.status(503));
    assertThatThrownBy(() -> proxy.open(v1.ref(), Artifact.ZIP))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("503");
  }

  @Test
  void injectedNotFoundAndGoneAndUnknownVersionsAreNotFound() {
    fake.inject(Match.artifact(v1.ref(), Artifact.INFO), Fault.status(404));
    fake.inject(Match.artifact(v2.ref(), Artifact.INFO), Fault.status(410));
    assertThatThrownBy(() -> proxy.open(v1.ref(), Artifact.INFO))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("404");
    assertThatThrownBy(() -> proxy.open(v2.ref(), Artifact.INFO))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("410");
    assertThatThrownBy(() -> proxy.open(module("v9.9.9").ref(), Artifact.ZIP))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void corruptedBytesArePassedThroughForVerificationToCatch() throws IOException {
    fake.inject(Match.artifact(v1.ref(), Artifact.ZIP), Fault.corrupt());
    byte[] served = readAll(proxy.open(v1.ref(), Artifact.ZIP));
    assertThat(served).hasSameSizeAs(v1.zip()).isNotEqualTo(v1.zip());
  }

  @Test
  void aTruncatedBodyIsTransient() throws IOException {
    fake.inject(Match.artifact(v1.ref(), Artifact.ZIP), Fault.truncate());
    InputStream body = proxy.open(v1.ref(), Artifact.ZIP);
    assertThatThrownBy(() -> readAll(body))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void aPipeListFallsThroughA503ToTheNextProxyAndACommaListDoesNot() throws IOException {
    try (FakeGoProxy second = FakeGoProxy.start().add(v1)) {
      fake.inject(Match.artifact(v1.ref(), Artifact.ZIP), Fault.status(503));
      Upstream pipe = Upstreams.fromGoproxy(fake.baseUrl() + "|" + second.baseUrl(), CONFIG);
      Upstream comma = Upstreams.fromGoproxy(fake.baseUrl() + "," + second.baseUrl(), CONFIG);

      assertThat(readAll(pipe.open(v1.ref(), Artifact.ZIP))).isEqualTo(v1.zip());
      assertThatThrownBy(() -> comma.open(v1.ref(), Artifact.ZIP))
          .isInstanceOf(TransientException.class);
    }
  }

  @Test
  void aCommaListFallsThroughA404ToTheNextProxy() throws IOException {
    try (FakeGoProxy second = FakeGoProxy.start().add(v1)) {
      fake.inject(Match.artifact(v1.ref(), Artifact.MOD), Fault.status(404));
      Upstream comma = Upstreams.fromGoproxy(fake.baseUrl() + "," + second.baseUrl(), CONFIG);
      assertThat(readAll(comma.open(v1.ref(), Artifact.MOD))).isEqualTo(v1.mod());
    }
  }

  /** The wire form ({@code %21} for {@code !}) is asserted in HttpGoproxyTest. */
  @Test
  void fetchesUpperCaseModulesEscapedAsTheGoCommandEscapesThem() throws IOException {
    BuiltModule upper =
        ModuleBuilder.module("github.com/BurntSushi/Toml")
            .version("v1.2.0")
            .goMod("module github.com/BurntSushi/Toml\n")
            .file("toml.go", "package toml\n")
            .build();
    fake.add(upper);
    assertThat(readAll(proxy.open(upper.ref(), Artifact.ZIP))).isEqualTo(upper.zip());
  }
}

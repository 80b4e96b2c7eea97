package dev.modmirror.testkit.goproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.testkit.goproxy.ProxyRequest.Kind;
import org.junit.jupiter.api.Test;

class ProxyRequestTest {

  @Test
  void decodesCaseEncodedPathsAndVersions() {
    assertThat(ProxyRequest.parse("/example.com/!big!co/x/@v/v1.0.0-!r!c.zip"))
        .contains(
            new ProxyRequest(
                ModulePath.of("example.com/BigCo/x"), Kind.ZIP, ModuleVersion.of("v1.0.0-RC")));
  }

  @Test
  void recognisesListLatestInfoAndMod() {
    assertThat(ProxyRequest.parse("/example.com/a/@v/list").map(ProxyRequest::kind))
        .contains(Kind.LIST);
    assertThat(ProxyRequest.parse("/example.com/a/@latest").map(ProxyRequest::kind))
        .contains(Kind.LATEST);
    assertThat(ProxyRequest.parse("/example.com/a/@v/v1.0.0.info").map(ProxyRequest::kind))
        .contains(Kind.INFO);
    assertThat(ProxyRequest.parse("/example.com/a/@v/v1.0.0.mod").map(ProxyRequest::kind))
        .contains(Kind.MOD);
  }

  @Test
  void rejectsUpperCaseUnknownExtensionsAndBadVersions() {
    assertThat(ProxyRequest.parse("/example.com/BigCo/@v/list")).isEmpty();
    assertThat(ProxyRequest.parse("/example.com/a/@v/v1.0.0.tar")).isEmpty();
    assertThat(ProxyRequest.parse("/example.com/a/@v/1.0.zip")).isEmpty();
    assertThat(ProxyRequest.parse("/@v/list")).isEmpty();
    assertThat(ProxyRequest.parse("/favicon.ico")).isEmpty();
  }

  @Test
  void corruptionFlipsOneByteKeepingLength() {
    byte[] body = {0, 0, 0, 0};
    assertThat(FaultyResponder.flip(body, -1)).containsExactly(0, 0, -1, 0);
    assertThat(FaultyResponder.flip(body, 0)).containsExactly(-1, 0, 0, 0);
    assertThat(FaultyResponder.flip(body, 99)).containsExactly(0, 0, 0, -1);
    assertThat(FaultyResponder.flip(new byte[0], -1)).isEmpty();
    assertThat(body).containsOnly(0);
  }
}

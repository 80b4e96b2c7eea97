package dev.modmirror.adapters.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.core.upstream.NotMirrored;
import dev.modmirror.core.upstream.Upstream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainedUpstreamTest {
  private static final ModuleRef REF = ModuleRef.of("example.com/a", "v1.0.0");
  private static final UpstreamConfig CONFIG = UpstreamConfig.defaults();

  /** An upstream that answers with bytes or throws a given error, and counts calls. */
  private static final class Scripted implements Upstream {
    private final String name;
    private final ModmirrorException error;
    int calls;

    Scripted(String name, ModmirrorException error) {
      this.name = name;
      this.error = error;
    }

    @Override
    public InputStream open(ModuleRef ref, Artifact artifact) {
      calls++;
      if (error != null) {
        throw error;
      }
      return new ByteArrayInputStream(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public List<ModuleVersion> list(ModulePath path) {
      calls++;
      if (error != null) {
        throw error;
      }
      return List.of(ModuleVersion.of("v1.0.0"));
    }

    @Override
    public String describe() {
      return name;
    }
  }

  private static Scripted ok(String name) {
    return new Scripted(name, null);
  }

  private static Scripted failing(ModmirrorException e) {
    return new Scripted("failing", e);
  }

  private static ChainedUpstream chain(Object... linksAndSeparators) {
    // Alternating upstream, separator ("," or "|"), upstream, ...
    List<ChainedUpstream.Link> links = new java.util.ArrayList<>();
    for (int i = 0; i < linksAndSeparators.length; i += 2) {
      boolean pipe = i + 1 < linksAndSeparators.length && linksAndSeparators[i + 1].equals("|");
      links.add(new ChainedUpstream.Link((Upstream) linksAndSeparators[i], pipe));
    }
    return new ChainedUpstream(links, "test");
  }

  private static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void commaFallsThroughOnNotFound() throws IOException {
    Scripted second = ok("second");
    ChainedUpstream chain = chain(failing(new NotFoundException("404")), ",", second);
    assertThat(read(chain.open(REF, Artifact.ZIP))).isEqualTo("second");
    assertThat(chain.list(REF.path())).hasSize(1);
  }

  @Test
  void commaStopsOnAnyOtherError() {
    Scripted second = ok("second");
    TransientException busy = new TransientException("503");
    ChainedUpstream chain = chain(failing(busy), ",", second);
    assertThatThrownBy(() -> chain.open(REF, Artifact.ZIP)).isSameAs(busy);
    assertThat(second.calls).isZero();
  }

  @Test
  void pipeFallsThroughOnAnyError() throws IOException {
    ChainedUpstream chain =
        chain(
            failing(new TransientException("503")),
            "|",
            failing(new PermanentException("403")),
            "|",
            ok("third"));
    assertThat(read(chain.open(REF, Artifact.MOD))).isEqualTo("third");
  }

  @Test
  void reportsTheLastNotFoundWhenAllAreNotFoundWithTheOthersSuppressed() {
    NotFoundException first = new NotFoundException("first 404");
    NotFoundException last = new NotFoundException("last 410");
    ChainedUpstream chain = chain(failing(first), ",", failing(last));
    assertThatThrownBy(() -> chain.open(REF, Artifact.ZIP))
        .isSameAs(last)
        .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(first));
  }

  @Test
  void aRealErrorOutranksALaterNotFound() {
    TransientException busy = new TransientException("503");
    ChainedUpstream chain = chain(failing(busy), "|", failing(new NotFoundException("404")));
    assertThatThrownBy(() -> chain.open(REF, Artifact.ZIP)).isSameAs(busy);
  }

  @Test
  void directAnswersNotFoundWithItsReasonAndOutranksProxyErrors() {
    ChainedUpstream chain =
        chain(failing(new TransientException("503")), "|", KeywordUpstream.direct());
    assertThatThrownBy(() -> chain.open(REF, Artifact.ZIP))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("direct (VCS) fetching is not supported by modmirror")
        .satisfies(e -> assertThat(((ModmirrorException) e).module()).contains("example.com/a"));
  }

  @Test
  void offFailsEveryFetchPermanently() {
    Upstream off = Upstreams.fromGoproxy("off", CONFIG);
    assertThatThrownBy(() -> off.open(REF, Artifact.ZIP))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("GOPROXY=off");
    assertThatThrownBy(() -> off.list(REF.path()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("GOPROXY=off");
    assertThat(off.describe()).isEqualTo("off");
  }

  @Test
  void aFileTreeFollowedByDirectServesWhatTheTreeHas(@TempDir Path dir) throws IOException {
    Path tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("example.com/a/@v"));
    Files.writeString(tree.resolve("example.com/a/@v/v1.0.0.mod"), "module example.com/a\n");
    Upstream upstream = Upstreams.fromGoproxy(tree.toUri() + ",direct", CONFIG);

    assertThat(read(upstream.open(REF, Artifact.MOD))).isEqualTo("module example.com/a\n");
    assertThatThrownBy(() -> upstream.open(REF, Artifact.ZIP))
        .isInstanceOf(NotFoundException.class)
        .satisfies(e -> assertThat(NotMirrored.isDirect(e)).isTrue());
    assertThat(upstream.describe()).endsWith(",direct");
  }

  @Test
  void commaBetweenFileTreesFallsThroughToTheSecond(@TempDir Path dir) throws IOException {
    Path second = dir.resolve("second");
    Files.createDirectories(second.resolve("example.com/a/@v"));
    Files.writeString(second.resolve("example.com/a/@v/v1.0.0.info"), "{}");
    Upstream upstream =
        Upstreams.fromGoproxy(dir.resolve("first").toUri() + " , " + second.toUri(), CONFIG);
    assertThat(read(upstream.open(REF, Artifact.INFO))).isEqualTo("{}");
  }

  @Test
  void privateModulesAreNeverFetchedAndEndWithAPrivateReason(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("corp.example.com/a/@v"));
    Files.writeString(
        dir.resolve("corp.example.com/a/@v/v1.0.0.mod"), "module corp.example.com/a\n");
    Files.createDirectories(dir.resolve("example.com/a/@v"));
    Files.writeString(dir.resolve("example.com/a/@v/v1.0.0.mod"), "module example.com/a\n");
    GoEnv env =
        GoEnv.from(Map.of("GOPROXY", dir.toUri().toString(), "GOPRIVATE", "corp.example.com"));
    Upstream upstream = Upstreams.fromGoEnv(env, CONFIG);

    assertThatThrownBy(
            () -> upstream.open(ModuleRef.of("corp.example.com/a", "v1.0.0"), Artifact.MOD))
        .isInstanceOf(NotFoundException.class)
        .hasMessageStartingWith("private: not mirrored")
        .satisfies(e -> assertThat(NotMirrored.isPrivate(e)).isTrue());
    assertThatThrownBy(() -> upstream.list(ModulePath.of("corp.example.com/a/sub")))
        .satisfies(e -> assertThat(NotMirrored.isPrivate(e)).isTrue());
    assertThat(read(upstream.open(REF, Artifact.MOD))).isEqualTo("module example.com/a\n");
  }

  @Test
  void withoutGonoproxyTheListIsUsedAsIs() {
    Upstream upstream = Upstreams.fromGoEnv(GoEnv.from(Map.of("GOPROXY", "off")), CONFIG);
    assertThat(upstream).isInstanceOf(ChainedUpstream.class);
  }

  @Test
  void describeNeverShowsCredentials() {
    Upstream upstream = Upstreams.fromGoproxy("https://bob:s3cret@a.example|direct", CONFIG);
    assertThat(upstream.describe()).isEqualTo("https://xxxxx@a.example|direct");
    assertThat(upstream.toString()).doesNotContain("s3cret");
  }
}

package dev.modmirror.adapters.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.upstream.GoproxyList;
import dev.modmirror.gotool.GoToolchain;
import dev.modmirror.gotool.ModDownload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The go command as referee of GOPROXY parsing: values it rejects before any fetch are rejected by
 * {@link GoproxyList#parse} with the same message. These values never reach the network.
 */
class GoproxyParseGoIT {
  private final GoToolchain go = GoToolchain.require();

  @ParameterizedTest(name = "GOPROXY=\"{0}\" -> {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "ftp://a.example; invalid proxy URL scheme (must be https, http, file)",
        "gopher://u:p@a.example,direct; invalid proxy URL scheme (must be https, http, file)",
        "proxy; invalid proxy URL missing scheme",
        "/srv/goproxy; invalid proxy URL missing scheme",
        "',';GOPROXY list is not the empty string, but contains no entries",
        "' | , ';GOPROXY list is not the empty string, but contains no entries",
        "file://host/srv; invalid file:// proxy URL with non-path elements",
      })
  void rejectsWhatTheGoCommandRejects(String goproxy, String message) {
    ModDownload referee = go.modDownloadJson(goproxy, "off", "example.com/never/fetched@v1.0.0");
    assertThat(referee.ok()).isFalse();
    assertThat(referee.error() + referee.result().stderr()).contains(message);
    assertThatThrownBy(() -> GoproxyList.parse(goproxy))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message);
  }
}

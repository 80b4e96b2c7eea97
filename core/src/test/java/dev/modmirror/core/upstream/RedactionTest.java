package dev.modmirror.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://a.example/x?q=1|https://a.example/x?q=1",
        "https://tok@a.example/x|https://xxxxx@a.example/x",
        "https://u:p@a.example:8443/x?q=1#f|https://xxxxx@a.example:8443/x?q=1#f",
        "file:///srv/tree|file:///srv/tree",
      })
  void masksTheWholeUserinfo(String url, String expected) {
    assertThat(Redaction.url(URI.create(url))).isEqualTo(expected);
    assertThat(Redaction.url(url)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://u:p w@a.example/x|https://xxxxx@a.example/x",
        "sum.example+key https://u:pw@a.example|sum.example+key https://xxxxx@a.example",
        "u:pw@a.example|xxxxx@a.example",
      })
  void masksUnparsableTextUpToTheLastAt(String text, String expected) {
    assertThat(Redaction.url(text)).isEqualTo(expected);
  }
}

package dev.modmirror.core.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.event.DemandKind;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoproxyRequestTest {

  @Test
  void decodesAVersionedRequest() {
    GoproxyRequest r =
        GoproxyRequest.parse("", "/github.com/!azure/azure-sdk-for-go/@v/v1.2.3.zip").orElseThrow();

    assertThat(r.ref()).contains(ModuleRef.of("github.com/Azure/azure-sdk-for-go", "v1.2.3"));
    assertThat(r.kind()).contains(DemandKind.ZIP);
  }

  @Test
  void readsListAndLatestAsModuleOnly() {
    assertThat(GoproxyRequest.parse("/proxy", "/proxy/golang.org/x/text/@v/list").orElseThrow())
        .isEqualTo(
            new GoproxyRequest(
                ModulePath.of("golang.org/x/text"), Optional.empty(), Optional.empty()));
    assertThat(GoproxyRequest.parse("", "/golang.org/x/text/@latest").orElseThrow().ref())
        .isEmpty();
  }

  @Test
  void ignoresWhatIsNotAModuleRequest() {
    assertThat(GoproxyRequest.parse("", "/sumdb/sum.golang.org/supported")).isEmpty();
    assertThat(GoproxyRequest.parse("", "/")).isEmpty();
    assertThat(GoproxyRequest.parse("", "/golang.org/x/text/@v/v1.0.0.txt")).isEmpty();
    assertThat(GoproxyRequest.parse("/proxy", "/other/golang.org/x/text/@v/list")).isEmpty();
  }

  @Test
  void rejectsTraversalAndBadEscapes() {
    assertThatThrownBy(() -> GoproxyRequest.parse("", "/../../etc/passwd/@v/v1.0.0.info"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("malformed module path");
    assertThatThrownBy(() -> GoproxyRequest.parse("", "/github.com/Azure/x/@v/v1.0.0.info"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("invalid escaped module path");
    assertThatThrownBy(() -> GoproxyRequest.parse("", "/example.com/a/@v/1.0.info"))
        .isInstanceOf(InvalidInputException.class);
  }
}

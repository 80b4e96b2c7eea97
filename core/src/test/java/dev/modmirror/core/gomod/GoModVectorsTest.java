package dev.modmirror.core.gomod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Our verdict on every go.mod vector (the go command's is {@link GoModVectorsGoIT}'s). */
class GoModVectorsTest {

  @TestFactory
  Stream<DynamicTest> parsesEveryVectorAsItsWantSays() {
    return GoModVectors.all().stream()
        .map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
  }

  private static void check(GoModVectors.Case c) {
    if (c.weAccept()) {
      assertThat(GoModParser.parse("go.mod", c.text())).as(c.toString()).isNotNull();
    } else {
      assertThatThrownBy(() -> GoModParser.parse("go.mod", c.text()))
          .as(c.toString())
          .isInstanceOf(GoModSyntaxException.class)
          .hasMessage(c.error());
    }
  }
}

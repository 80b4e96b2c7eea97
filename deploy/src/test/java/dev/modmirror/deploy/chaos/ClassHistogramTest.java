package dev.modmirror.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassHistogramTest {
  private static final String EARLIER =
      """
      13196:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:         13447         912992  [B (java.base@17.0.15)
         2:          3055         367496  java.lang.Class (java.base@17.0.15)
         3:         13188         316512  java.lang.String (java.base@17.0.15)
       714:             1             16  sun.nio.fs.NativeBuffers$1 (java.base@17.0.15)
      Total         29691        1597016
      """;

  private static final String LATER =
      """
      13196:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:         14447        1012992  [B (java.base@17.0.15)
         2:         14188         340512  java.lang.String (java.base@17.0.15)
         3:          3055         367496  java.lang.Class (java.base@17.0.15)
         4:           500          24000  dev.modmirror.Kept
         5:           100           4800  dev.modmirror.Kept
         6:             1             16  sun.nio.fs.NativeBuffers$1 (java.base@17.0.15)
      Total         32291        1750816
      """;

  @Test
  void theTotalIsTheLiveHeapAndClassesOfOneNameAddUp() {
    ClassHistogram later = ClassHistogram.parse(LATER).orElseThrow();
    assertThat(later.totalBytes()).isEqualTo(1_750_816);
    assertThat(later.byClass().get("dev.modmirror.Kept"))
        .isEqualTo(new ClassHistogram.Count(600, 28_800));
  }

  @Test
  void growthListsOnlyClassesThatGrewLargestFirst() {
    ClassHistogram earlier = ClassHistogram.parse(EARLIER).orElseThrow();
    ClassHistogram later = ClassHistogram.parse(LATER).orElseThrow();
    assertThat(later.grownSince(earlier, 5))
        .containsExactly(
            new ClassHistogram.Growth("[B", 1_000, 100_000),
            new ClassHistogram.Growth("dev.modmirror.Kept", 600, 28_800),
            new ClassHistogram.Growth("java.lang.String", 1_000, 24_000));
    assertThat(later.grownSince(earlier, 1)).hasSize(1);
  }

  @Test
  void anAnswerWithoutItsTotalLineIsNoHistogram() {
    // jcmd on a process that went away prints an error, and a cut answer has no total: neither may
    // pass for a heap of what it happened to list.
    assertThat(ClassHistogram.parse("13196:\ncom.sun.tools.attach.AttachNotSupportedException"))
        .isEmpty();
    assertThat(ClassHistogram.parse(LATER.substring(0, LATER.indexOf("Total")))).isEmpty();
  }
}

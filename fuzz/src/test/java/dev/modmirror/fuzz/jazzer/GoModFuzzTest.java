package dev.modmirror.fuzz.jazzer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modmirror.core.gomod.GoModParser;
import dev.modmirror.core.gomod.GoModSyntaxException;
import dev.modmirror.core.gomod.GoWorkParser;
import java.nio.charset.StandardCharsets;

/** Target {@code gomod}: go.mod and go.work text, as ingest reads it from repositories. */
class GoModFuzzTest {

  @FuzzTest(maxDuration = Targets.MAX_DURATION)
  void parse(byte[] data) {
    // The bytes arrive as a file's content; a repository's go.mod is decoded as UTF-8 first.
    String text = new String(data, StandardCharsets.UTF_8);
    try {
      GoModParser.parse("go.mod", text);
    } catch (GoModSyntaxException expected) {
      // the typed refusal
    }
    try {
      GoModParser.parseLax("go.mod", text);
    } catch (GoModSyntaxException expected) {
      // the typed refusal
    }
    try {
      GoWorkParser.parse("go.work", text);
    } catch (GoModSyntaxException expected) {
      // the typed refusal
    }
  }
}

package dev.modmirror.fuzz.jazzer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modmirror.core.index.IndexLine;
import java.nio.charset.StandardCharsets;

/**
 * Target {@code index}: one line of the index.golang.org feed, as ingest's follower reads each line
 * of a page. {@link IndexLine#parse} never throws: a bad line is an {@code Invalid} value, so any
 * throwable at all is a finding; a line read as valid names a checked module version.
 */
class IndexLineFuzzTest {

  @FuzzTest(maxDuration = Targets.MAX_DURATION)
  void parse(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    // The follower splits a page on '\n' before reading lines.
    for (String line : text.split("\n", -1)) {
      IndexLine read = IndexLine.parse(line);
      if (read == null || read.key() == null || read.timestamp() == null) {
        throw new AssertionError("IndexLine.parse returned an incomplete value");
      }
    }
  }
}

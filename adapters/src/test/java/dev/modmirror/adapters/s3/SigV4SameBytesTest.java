package dev.modmirror.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The signer's per-thread path (reused {@code Mac}s and digests, the hand-written stamp, sorted
 * header arrays) against the signer before it ({@link SigV4Before}, kept verbatim): the same three
 * headers, byte for byte, on random requests signed from several threads at once, with keys and
 * query values to escape, header names in any case and values with runs of spaces, and times on
 * both sides of midnight (each thread's day key changes under it).
 */
class SigV4SameBytesTest {
  private static final String KEY_CHARS = "aZ09-_.~/!@$&+=,;:?#[] %'\"()*éü日\u00a0";
  private static final String[] METHODS = {"GET", "HEAD", "PUT", "POST", "DELETE"};
  private static final String[] HEADER_NAMES = {
    "x-amz-meta-h1",
    "X-Amz-Meta-H1",
    "Content-MD5",
    "If-None-Match",
    "If-Match",
    "x-amz-meta-b",
    "Range",
    "X-AMZ-DATE"
  };

  @Test
  void signsRandomRequestsFromSeveralThreadsToTheBytesOfTheSignerBefore() throws Exception {
    SigV4 signer =
        new SigV4("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "eu-west-3");
    SigV4Before before =
        new SigV4Before("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "eu-west-3");
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        long seed = 7919L * (t + 1);
        done.add(threads.submit(() -> compare(signer, before, new Random(seed), 4_000)));
      }
      for (Future<Integer> each : done) {
        assertThat(each.get()).isEqualTo(4_000);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void writesTheStampAsTheFormatterDid() {
    DateTimeFormatter formatter =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    Random random = new Random(42);
    List<Instant> instants = new ArrayList<>();
    for (String edge :
        List.of(
            "0000-12-31T23:59:59.999999999Z",
            "0001-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.5Z",
            "2000-02-29T12:00:00Z",
            "2026-12-31T23:59:59.999Z",
            "2027-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "+10000-01-01T00:00:00Z",
            "-0001-06-01T00:00:00Z")) {
      instants.add(Instant.parse(edge));
    }
    long from = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      instants.add(Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)), i));
    }
    for (Instant instant : instants) {
      assertThat(SigV4.stamp(instant)).as("%s", instant).isEqualTo(formatter.format(instant));
    }
  }

  /** Signs {@code count} random requests both ways; answers how many agreed. */
  private static int compare(SigV4 signer, SigV4Before before, Random random, int count) {
    long midnight = Instant.parse("2026-12-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < count; i++) {
      String method = METHODS[random.nextInt(METHODS.length)];
      String path =
          "/"
              + SigV4.encode(text(random, 1, 12), true)
              + "/"
              + SigV4.encode(text(random, 0, 40), false);
      SortedMap<String, String> query = new TreeMap<>();
      for (int q = random.nextInt(4); q > 0; q--) {
        query.put(text(random, 1, 10), random.nextInt(4) == 0 ? "" : text(random, 1, 20));
      }
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put(
          random.nextBoolean() ? "Host" : "host", "127.0.0.1:" + (9000 + random.nextInt(2)));
      for (int h = random.nextInt(5); h > 0; h--) {
        headers.put(HEADER_NAMES[random.nextInt(HEADER_NAMES.length)], value(random));
      }
      String payload =
          random.nextBoolean()
              ? SigV4.EMPTY_SHA256
              : SigV4.sha256Hex(text(random, 0, 30).getBytes());
      // Across four midnights, a second either side, so a thread's day key changes often.
      Instant now =
          Instant.ofEpochSecond(
              midnight + 86_400L * random.nextInt(4) + random.nextInt(5) - 2,
              random.nextInt(1_000_000_000));

      Map<String, String> expected = before.sign(method, path, query, headers, payload, now);
      assertThat(signer.sign(method, path, query, headers, payload, now))
          .as("%s %s %s %s %s", method, path, query, headers, now)
          .isEqualTo(expected);
      SigV4.Headers signed = new SigV4.Headers();
      headers.forEach(signed::add);
      Map<String, String> sent = new LinkedHashMap<>();
      signer.sign(method, path, SigV4.canonicalQuery(query), signed, payload, now, sent::put);
      assertThat(sent).isEqualTo(expected);
    }
    return count;
  }

  private static String text(Random random, int min, int max) {
    StringBuilder out = new StringBuilder();
    for (int n = min + random.nextInt(max - min + 1); n > 0; n--) {
      out.append(KEY_CHARS.charAt(random.nextInt(KEY_CHARS.length())));
    }
    return out.toString();
  }

  /** A header value with blanks around it and runs of spaces inside, sometimes. */
  private static String value(Random random) {
    StringBuilder out = new StringBuilder();
    String[] parts = {" ", "  ", "   ", "a", "Bc", "\"etag-1\"", "*", "\t", "é", "x=y"};
    for (int n = random.nextInt(7); n > 0; n--) {
      out.append(parts[random.nextInt(parts.length)]);
    }
    return out.toString();
  }
}

package dev.modmirror.adapters.s3;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.BiConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for S3 requests in the {@code Authorization} header (the S3 API
 * reference, "Signature Calculations for the Authorization Header"). The one signer of every
 * request {@link DirectRequests} sends. The day's signing key is derived once per day, not per
 * request, and nothing here formats a trace or parses a date back: what the MinIO SDK's signer
 * spent most of its time on. Thread-safe.
 *
 * <p>Each thread keeps its own {@code Mac} (initialised with the day's key once per day) and its
 * own digests, reset after each use: looking them up per request ({@code Mac.getInstance}, the
 * provider choice of {@code Mac.init}, {@code MessageDigest.getInstance}) was the largest part of
 * the signer's cost in the replicator's profile, larger than the hashing itself.
 *
 * <p>The secret and the signing key never leave this class; the {@code Authorization} value holds
 * the access key id and the signature only.
 */
final class SigV4 {
  /** The hex SHA-256 of an empty payload (GET, HEAD, listings). */
  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  /** Only for years the hand-written stamp does not cover (before 1 or after 9999). */
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final HexFormat HEX = HexFormat.of();
  private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(() -> digest("SHA-256"));
  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(() -> digest("MD5"));

  private final String accessKey;
  private final byte[] secret;
  private final String region;
  private final String scopeTail;
  private volatile DayKey dayKey;
  private final ThreadLocal<DayMac> dayMacs = new ThreadLocal<>();

  private record DayKey(String day, byte[] key) {}

  /** A thread's {@code Mac} initialised with {@code day}'s signing key. */
  private record DayMac(String day, Mac mac) {}

  SigV4(String accessKey, String secretKey, String region) {
    this.accessKey = accessKey;
    this.secret = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
    this.region = region;
    this.scopeTail = "/" + region + "/s3/aws4_request";
  }

  /**
   * The headers a request signs: names lower-cased and sorted as the canonical request lists them,
   * values trimmed; a name added again (in any case) replaces the earlier value. Not thread-safe:
   * one per request.
   */
  static final class Headers {
    private String[] names = new String[8];
    private String[] values = new String[8];
    private int size;

    /** Adds (or replaces) {@code name}'s value as signed. */
    Headers add(String name, String value) {
      String lower = name.toLowerCase(Locale.ROOT);
      String trimmed = trim(value);
      int at = 0;
      while (at < size && names[at].compareTo(lower) < 0) {
        at++;
      }
      if (at < size && names[at].equals(lower)) {
        values[at] = trimmed;
        return this;
      }
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      System.arraycopy(names, at, names, at + 1, size - at);
      System.arraycopy(values, at, values, at + 1, size - at);
      names[at] = lower;
      values[at] = trimmed;
      size++;
      return this;
    }
  }

  /**
   * The headers to add to a request so that S3 accepts it: {@code x-amz-date}, {@code
   * x-amz-content-sha256} and {@code Authorization}, signing {@code headers} (which must hold
   * {@code host}, as the request sends it) with them. For tests and callers with maps: {@link
   * DirectRequests} signs through {@link #sign(String, String, String, Headers, String, Instant,
   * BiConsumer)}, to the same bytes.
   *
   * @param method the HTTP method
   * @param encodedPath the request path as sent, each segment already {@link #encode encoded}
   * @param query the query parameters, not encoded (empty for none)
   * @param headers the headers to sign, by name (any case), with the values the request sends
   * @param payloadSha256 the hex SHA-256 of the body ({@link #EMPTY_SHA256} for none)
   * @param now the request time
   */
  Map<String, String> sign(
      String method,
      String encodedPath,
      SortedMap<String, String> query,
      Map<String, String> headers,
      String payloadSha256,
      Instant now) {
    Headers signed = new Headers();
    headers.forEach(signed::add);
    Map<String, String> out = new LinkedHashMap<>();
    sign(method, encodedPath, canonicalQuery(query), signed, payloadSha256, now, out::put);
    return out;
  }

  /**
   * Signs a request and hands {@code out} the three headers to send with it ({@code x-amz-date},
   * {@code x-amz-content-sha256}, {@code Authorization}); {@code signed} gets the first two added.
   *
   * @param canonicalQuery the query as {@link #canonicalQuery} writes it ("" for none)
   * @param signed the request's headers to sign, {@code host} among them
   */
  void sign(
      String method,
      String encodedPath,
      String canonicalQuery,
      Headers signed,
      String payloadSha256,
      Instant now,
      BiConsumer<String, String> out) {
    String stamp = stamp(now);
    String day = stamp.substring(0, 8);
    signed.add("x-amz-date", stamp);
    signed.add("x-amz-content-sha256", payloadSha256);
    StringBuilder text = new StringBuilder(320);
    text.append(method).append('\n').append(encodedPath).append('\n');
    text.append(canonicalQuery).append('\n');
    for (int i = 0; i < signed.size; i++) {
      text.append(signed.names[i]).append(':').append(signed.values[i]).append('\n');
    }
    text.append('\n');
    int namesStart = text.length();
    for (int i = 0; i < signed.size; i++) {
      text.append(i == 0 ? "" : ";").append(signed.names[i]);
    }
    String signedNames = text.substring(namesStart);
    text.append('\n').append(payloadSha256);
    String canonicalHash = sha256Hex(text.toString().getBytes(StandardCharsets.UTF_8));
    text.setLength(0);
    String scope = text.append(day).append(scopeTail).toString();
    text.setLength(0);
    text.append("AWS4-HMAC-SHA256\n").append(stamp).append('\n').append(scope).append('\n');
    text.append(canonicalHash);
    byte[] toSign = text.toString().getBytes(StandardCharsets.UTF_8);
    String signature = HEX.formatHex(dayMac(day).doFinal(toSign));
    out.accept("x-amz-date", stamp);
    out.accept("x-amz-content-sha256", payloadSha256);
    text.setLength(0);
    text.append("AWS4-HMAC-SHA256 Credential=").append(accessKey).append('/').append(scope);
    text.append(", SignedHeaders=").append(signedNames).append(", Signature=").append(signature);
    out.accept("Authorization", text.toString());
  }

  /**
   * {@code now} as {@code yyyyMMdd'T'HHmmss'Z'} in UTC, written by hand for years 1 to 9999 (the
   * formatter's answer, byte for byte; {@code SigV4Test} holds the two together).
   */
  static String stamp(Instant now) {
    LocalDateTime time = LocalDateTime.ofEpochSecond(now.getEpochSecond(), 0, ZoneOffset.UTC);
    int year = time.getYear();
    if (year < 1 || year > 9999) {
      return STAMP.format(now); // year-of-era and its sign: the formatter's business
    }
    char[] out = new char[16];
    digits(out, 0, year, 4);
    digits(out, 4, time.getMonthValue(), 2);
    digits(out, 6, time.getDayOfMonth(), 2);
    out[8] = 'T';
    digits(out, 9, time.getHour(), 2);
    digits(out, 11, time.getMinute(), 2);
    digits(out, 13, time.getSecond(), 2);
    out[15] = 'Z';
    return new String(out);
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** The query string as sent and as signed: names sorted, names and values {@link #encode}d. */
  static String canonicalQuery(SortedMap<String, String> query) {
    if (query.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    query.forEach(
        (name, value) -> {
          if (out.length() > 0) {
            out.append('&');
          }
          out.append(encode(name, true)).append('=').append(encode(value, true));
        });
    return out.toString();
  }

  /**
   * URI-encodes {@code text} as SigV4 asks: every byte of its UTF-8 form except the unreserved
   * {@code A-Z a-z 0-9 - _ . ~} as {@code %XX} (upper-case hex); {@code /} kept unless {@code
   * slash}. Object keys keep their {@code /} (one encoding per path segment); query values encode
   * it. A module path's {@code !} (its case encoding) becomes {@code %21}, as the MinIO SDK sends
   * it.
   */
  static String encode(String text, boolean slash) {
    int i = 0;
    while (i < text.length() && (unreserved(text.charAt(i)) || (text.charAt(i) == '/' && !slash))) {
      i++;
    }
    if (i == text.length()) {
      return text; // the common case: nothing to escape
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      char c = (char) (b & 0xff);
      if (unreserved(c) || (c == '/' && !slash)) {
        out.append(c);
      } else {
        out.append('%').append(UPPER_HEX[(b >> 4) & 0xf]).append(UPPER_HEX[b & 0xf]);
      }
    }
    return out.toString();
  }

  private static boolean unreserved(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~';
  }

  /** A header value as signed: outer blanks trimmed, inner runs of spaces as one. */
  private static String trim(String value) {
    String trimmed = value.strip();
    return trimmed.contains("  ") ? trimmed.replaceAll(" +", " ") : trimmed;
  }

  /** This thread's {@code Mac} with {@code day}'s signing key, initialised once per day. */
  private Mac dayMac(String day) {
    DayMac current = dayMacs.get();
    if (current == null || !current.day().equals(day)) {
      current = new DayMac(day, mac(key(day)));
      dayMacs.set(current);
    }
    return current.mac();
  }

  private byte[] key(String day) {
    DayKey current = dayKey;
    if (current != null && current.day().equals(day)) {
      return current.key();
    }
    byte[] key = hmac(secret, day);
    key = hmac(key, region);
    key = hmac(key, "s3");
    key = hmac(key, "aws4_request");
    dayKey = new DayKey(day, key);
    return key;
  }

  private static byte[] hmac(byte[] key, String data) {
    return mac(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  private static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JVM", e);
    }
  }

  /** The SHA-256 of {@code bytes}, through this thread's digest. */
  static byte[] sha256(byte[] bytes) {
    return SHA256.get().digest(bytes);
  }

  /** The hex SHA-256 of {@code bytes}, for {@link #sign}'s payload hash. */
  static String sha256Hex(byte[] bytes) {
    return HEX.formatHex(sha256(bytes));
  }

  /** The MD5 of {@code bytes} ({@code Content-MD5}), through this thread's digest. */
  static byte[] md5(byte[] bytes) {
    return MD5.get().digest(bytes);
  }
}

package dev.modmirror.adapters.s3;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signer as it was before per-thread {@code Mac}s and digests, the hand-written date stamp and
 * the sorted header arrays (adf440b), kept verbatim as the reference that {@code
 * SigV4SameBytesTest} holds the signer to. Not used outside the tests.
 */
final class SigV4Before {
  /** The hex SHA-256 of an empty payload (GET, HEAD, listings). */
  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();
  private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

  private final String accessKey;
  private final byte[] secret;
  private final String region;
  private volatile DayKey dayKey;

  private record DayKey(String day, byte[] key) {}

  SigV4Before(String accessKey, String secretKey, String region) {
    this.accessKey = accessKey;
    this.secret = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
    this.region = region;
  }

  /**
   * The headers to add to a request so that S3 accepts it: {@code x-amz-date}, {@code
   * x-amz-content-sha256} and {@code Authorization}, signing {@code headers} (which must hold
   * {@code host}, as the request sends it) with them.
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
    String stamp = STAMP.format(now);
    String day = stamp.substring(0, 8);
    SortedMap<String, String> signed = new TreeMap<>();
    headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), trim(value)));
    signed.put("x-amz-date", stamp);
    signed.put("x-amz-content-sha256", payloadSha256);
    StringBuilder canonical = new StringBuilder(256);
    canonical.append(method).append('\n').append(encodedPath).append('\n');
    canonical.append(canonicalQuery(query)).append('\n');
    signed.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
    canonical.append('\n');
    String signedNames = String.join(";", signed.keySet());
    canonical.append(signedNames).append('\n').append(payloadSha256);
    String scope = day + "/" + region + "/s3/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + stamp
            + "\n"
            + scope
            + "\n"
            + HEX.formatHex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    String signature = HEX.formatHex(hmac(key(day), toSign));
    return Map.of(
        "x-amz-date",
        stamp,
        "x-amz-content-sha256",
        payloadSha256,
        "Authorization",
        "AWS4-HMAC-SHA256 Credential="
            + accessKey
            + "/"
            + scope
            + ", SignedHeaders="
            + signedNames
            + ", Signature="
            + signature);
  }

  /** The query string as sent and as signed: names sorted, names and values {@link #encode}d. */
  static String canonicalQuery(SortedMap<String, String> query) {
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
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  /** The SHA-256 of {@code bytes}. */
  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The hex SHA-256 of {@code bytes}, for {@link #sign}'s payload hash. */
  static String sha256Hex(byte[] bytes) {
    return HEX.formatHex(sha256(bytes));
  }
}

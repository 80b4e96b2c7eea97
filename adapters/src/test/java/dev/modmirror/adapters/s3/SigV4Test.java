package dev.modmirror.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The signer against the worked examples of the S3 API reference ("Signature Calculations for the
 * Authorization Header: Transferring Payload in a Single Chunk"), whose signatures AWS publishes,
 * and the encoding of keys and query values.
 */
class SigV4Test {
  private static final SigV4 EXAMPLE =
      new SigV4("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");
  private static final Instant WHEN = Instant.parse("2013-05-24T00:00:00Z");
  private static final String HOST = "examplebucket.s3.amazonaws.com";

  @Test
  void signsTheReferenceGetObjectWithARange() {
    Map<String, String> signed =
        EXAMPLE.sign(
            "GET",
            "/test.txt",
            new TreeMap<>(),
            Map.of("Host", HOST, "Range", "bytes=0-9"),
            SigV4.EMPTY_SHA256,
            WHEN);

    assertThat(signed)
        .containsEntry("x-amz-date", "20130524T000000Z")
        .containsEntry("x-amz-content-sha256", SigV4.EMPTY_SHA256)
        .containsEntry(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + " SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + " Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  }

  @Test
  void signsTheReferencePutObjectWithAnEncodedKey() {
    byte[] body = "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8);

    Map<String, String> signed =
        EXAMPLE.sign(
            "PUT",
            "/" + SigV4.encode("test$file.text", false),
            new TreeMap<>(),
            Map.of(
                "Host",
                HOST,
                "Date",
                "Fri, 24 May 2013 00:00:00 GMT",
                "x-amz-storage-class",
                "REDUCED_REDUNDANCY"),
            SigV4.sha256Hex(body),
            WHEN);

    assertThat(SigV4.sha256Hex(body))
        .isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    assertThat(signed.get("Authorization"))
        .endsWith(
            "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
                + " Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  }

  @Test
  void signsTheReferenceListingWithItsQuery() {
    TreeMap<String, String> query = new TreeMap<>();
    query.put("prefix", "J");
    query.put("max-keys", "2");

    Map<String, String> signed =
        EXAMPLE.sign("GET", "/", query, Map.of("Host", HOST), SigV4.EMPTY_SHA256, WHEN);

    assertThat(SigV4.canonicalQuery(query)).isEqualTo("max-keys=2&prefix=J");
    assertThat(signed.get("Authorization"))
        .endsWith(
            "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
                + " Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  }

  @Test
  void encodesCaseEncodedModuleKeysSegmentBySegment() {
    assertThat(SigV4.encode("github.com/!azure/x/@v/v1.1.0-!beta.info", false))
        .isEqualTo("github.com/%21azure/x/%40v/v1.1.0-%21beta.info");
    assertThat(SigV4.encode("a b+c/é~_.-", false)).isEqualTo("a%20b%2Bc/%C3%A9~_.-");
    assertThat(SigV4.encode("x/@v/", true)).isEqualTo("x%2F%40v%2F");
    assertThat(SigV4.encode("plain-Key_1.0~", false)).isEqualTo("plain-Key_1.0~");
  }

  @Test
  void theAuthorizationNamesTheAccessKeyButNeverTheSecret() {
    Map<String, String> signed =
        EXAMPLE.sign("HEAD", "/k", new TreeMap<>(), Map.of("Host", HOST), SigV4.EMPTY_SHA256, WHEN);

    assertThat(String.join(" ", signed.values()))
        .contains("AKIAIOSFODNN7EXAMPLE")
        .doesNotContain("wJalrXUtnFEMI");
  }
}

package dev.modmirror.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamException;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The listing reader on answers as S3 writes them, and on answers that are not listings. */
class DirectRequestsTest {
  private static final String NS = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

  @Test
  void readsTheKeysOfContentsAndNotTheCommonPrefixes() throws Exception {
    List<String> names = new ArrayList<>();
    String next =
        DirectRequests.read(
            xml(
                "<ListBucketResult "
                    + NS
                    + "><Name>b</Name><Prefix>a/@v/</Prefix><KeyCount>3</KeyCount>"
                    + "<MaxKeys>1000</MaxKeys><Delimiter>/</Delimiter>"
                    + "<IsTruncated>false</IsTruncated>"
                    + "<Contents><Key>a/@v/v1.0.0.info</Key><ETag>&quot;x&quot;</ETag>"
                    + "<Size>3</Size></Contents>"
                    + "<Contents><Key>a/@v/v1.0.0-&amp;.mod</Key><Size>3</Size></Contents>"
                    + "<CommonPrefixes><Prefix>a/@v/deeper/</Prefix></CommonPrefixes>"
                    + "</ListBucketResult>"),
            names);

    assertThat(next).isNull();
    assertThat(names).containsExactly("a/@v/v1.0.0.info", "a/@v/v1.0.0-&.mod");
  }

  @Test
  void aTruncatedPageGivesItsContinuationToken() throws Exception {
    List<String> names = new ArrayList<>();
    String next =
        DirectRequests.read(
            xml(
                "<ListBucketResult "
                    + NS
                    + "><IsTruncated>true</IsTruncated>"
                    + "<Contents><Key>k1</Key></Contents>"
                    + "<NextContinuationToken>tok/en==</NextContinuationToken>"
                    + "</ListBucketResult>"),
            names);

    assertThat(next).isEqualTo("tok/en==");
    assertThat(names).containsExactly("k1");
  }

  @Test
  void aTruncatedPageWithoutATokenIsRefused() {
    assertThatThrownBy(
            () ->
                DirectRequests.read(
                    xml("<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>"),
                    new ArrayList<>()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("without a continuation token");
  }

  @Test
  void anAnswerThatIsNotAListingIsRefused() {
    assertThatThrownBy(
            () ->
                DirectRequests.read(
                    xml("<Error><Code>NoSuchBucket</Code><Key>k</Key></Error>"), new ArrayList<>()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a ListBucketResult");
  }

  @Test
  void aDoctypeIsNeverResolved() {
    assertThatThrownBy(
            () ->
                DirectRequests.read(
                    xml(
                        "<!DOCTYPE ListBucketResult [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                            + "<ListBucketResult><Contents><Key>&x;</Key></Contents>"
                            + "</ListBucketResult>"),
                    new ArrayList<>()))
        .isInstanceOf(XMLStreamException.class);
  }

  private static ByteArrayInputStream xml(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheCodeMessageAndIdsOfAnErrorDocument() throws Exception {
    String[] fields =
        DirectRequests.errorFields(
            ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
                    + "<Message>The specified key does not exist.</Message><Key>a/b</Key>"
                    + "<RequestId>r1</RequestId><HostId>h1</HostId></Error>")
                .getBytes(StandardCharsets.UTF_8));

    assertThat(fields)
        .containsExactly("NoSuchKey", "The specified key does not exist.", "r1", "h1");
  }

  @Test
  void anEmptyOrForeignErrorBodyHasNoCode() throws Exception {
    assertThat(DirectRequests.errorFields(new byte[0])).containsOnlyNulls();
    assertThat(
            DirectRequests.errorFields(
                "<html><Code>NoSuchKey</Code></html>".getBytes(StandardCharsets.UTF_8)))
        .containsOnlyNulls();
  }

  @Test
  void aDeleteResultGivesOnlyTheKeysItRefused() throws Exception {
    List<DirectRequests.Refused> refused =
        DirectRequests.refused(
            xml(
                "<DeleteResult "
                    + NS
                    + "><Deleted><Key>gone</Key></Deleted>"
                    + "<Error><Key>a&amp;b</Key><Code>AccessDenied</Code>"
                    + "<Message>Access Denied</Message></Error></DeleteResult>"));

    assertThat(refused)
        .containsExactly(new DirectRequests.Refused("a&b", "AccessDenied", "Access Denied"));
  }

  @Test
  void anAnswerThatIsNoDeleteResultIsRefused() {
    assertThatThrownBy(() -> DirectRequests.refused(xml("<Error><Code>x</Code></Error>")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a DeleteResult");
  }

  @Test
  void buildsTheUrlThatParsingTheWholeStringGave() {
    String keyChars = "aZ09-_.~/!@$&+=,;:?#[] %'\"()*é日";
    Random random = new Random(11);
    for (String origin :
        List.of("http://127.0.0.1:9000", "https://s3.eu-west-3.amazonaws.com", "http://[::1]:80")) {
      HttpUrl parsed = HttpUrl.get(origin + "/");
      for (int i = 0; i < 5_000; i++) {
        String path = "/" + SigV4.encode(text(random, keyChars, 1, 8), true);
        if (random.nextInt(5) > 0) {
          path += "/" + SigV4.encode(text(random, keyChars, 0, 40), false);
        }
        TreeMap<String, String> query = new TreeMap<>();
        for (int q = random.nextInt(3); q > 0; q--) {
          query.put(text(random, keyChars, 1, 6), text(random, keyChars, 0, 12));
        }
        String canonical = SigV4.canonicalQuery(query);

        HttpUrl built = DirectRequests.url(parsed, path, canonical);

        assertThat(built)
            .isEqualTo(HttpUrl.get(origin + path + (canonical.isEmpty() ? "" : "?" + canonical)));
        assertThat(built.toString())
            .isEqualTo(
                HttpUrl.get(origin + path + (canonical.isEmpty() ? "" : "?" + canonical))
                    .toString());
      }
    }
  }

  private static String text(Random random, String chars, int min, int max) {
    StringBuilder out = new StringBuilder();
    for (int n = min + random.nextInt(max - min + 1); n > 0; n--) {
      out.append(chars.charAt(random.nextInt(chars.length())));
    }
    return out.toString();
  }
}

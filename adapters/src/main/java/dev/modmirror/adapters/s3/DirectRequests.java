package dev.modmirror.adapters.s3;

import io.minio.errors.ErrorResponseException;
import io.minio.messages.ErrorResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The S3 requests of the hot paths, built, signed ({@link SigV4}) and sent here over OkHttp rather
 * than through the MinIO SDK: PUT of bytes in hand, GET, HEAD, ListObjectsV2 pages and the
 * multi-object delete (the warmer's batched claim removals). Per request the SDK validated and
 * joined headers with regexes and Guava joiners, formatted a trace with two regex replacements (to
 * redact the signature), parsed its own {@code x-amz-date} back, derived the signing key anew and
 * read (and, for a multi-object delete, wrote) every XML document through a new SimpleXML {@code
 * Persister}; in the replicator that was about 60 % of its workers' CPU samples. What stays with
 * the SDK (multipart uploads above 5 MiB, copies, single deletes, bucket creation, recursive
 * listings) is off the per-version path or rare.
 *
 * <p>Answers other than 2xx are thrown as the SDK throws them, an {@link ErrorResponseException}
 * with the S3 error code (from the XML error body, or from the status for a body-less answer such
 * as a HEAD's: 404 {@code NoSuchKey}, 403 {@code AccessDenied}, 412 {@code PreconditionFailed}), so
 * that {@link S3Errors} classifies them as before; its trace names the method, bucket, key and
 * status only, never a header. Path-style addressing; no redirects followed. Thread-safe.
 */
final class DirectRequests {
  private static final XMLInputFactory XML = xmlFactory();
  private static final int MAX_ERROR_BYTES = 64 * 1024;
  private static final String DELETE_QUERY =
      SigV4.canonicalQuery(new TreeMap<>(Map.of("delete", "")));

  private final OkHttpClient http;
  private final HttpUrl origin;
  private final String host;
  private final String basePath;
  private final SigV4 signer;

  DirectRequests(S3Config config, OkHttpClient http) {
    HttpUrl endpoint = HttpUrl.get(config.endpoint().toString());
    this.http = http.newBuilder().followRedirects(false).followSslRedirects(false).build();
    String scheme = endpoint.scheme();
    String name = endpoint.host().contains(":") ? "[" + endpoint.host() + "]" : endpoint.host();
    this.host =
        endpoint.port() == HttpUrl.defaultPort(scheme) ? name : name + ":" + endpoint.port();
    this.origin = HttpUrl.get(scheme + "://" + host + "/");
    String path = endpoint.encodedPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.signer = new SigV4(config.accessKey(), config.secretKey(), config.region());
  }

  /**
   * PUTs {@code bytes} as {@code key}, with {@code headers} ({@code x-amz-meta-*}, conditions)
   * signed, the payload's SHA-256 signed and its {@code Content-MD5} sent (the server checks it),
   * and waits for the answer.
   *
   * @throws ErrorResponseException for an S3 error (412 when a condition does not hold)
   * @throws IOException if the server cannot be reached or the connection breaks
   * @throws InterruptedException if the caller is interrupted while waiting (the call is cancelled)
   */
  void put(String bucket, String key, byte[] bytes, String contentType, Map<String, String> headers)
      throws Exception {
    RequestBody body = RequestBody.create(bytes, MediaType.get(contentType));
    try (Response ignored =
        send("PUT", bucket, key, "", headers, contentMd5(bytes), SigV4.sha256Hex(bytes), body)) {
      // Nothing to read: the answer's status is the outcome.
    }
  }

  /** A key a multi-object delete did not remove, with the S3 error code and message. */
  record Refused(String key, String code, String message) {}

  /**
   * Removes {@code keys} (at most 1000) with one multi-object delete in quiet mode (the answer
   * lists only the keys it could not remove; absent keys are removed as far as S3 is concerned).
   *
   * @return the keys refused, empty if all went
   * @throws ErrorResponseException for an S3 error of the request as a whole
   * @throws IOException if the server cannot be reached, or for an answer that is not a result
   * @throws InterruptedException if the caller is interrupted while waiting
   */
  List<Refused> deleteAll(String bucket, List<String> keys) throws Exception {
    if (keys.size() > 1000) {
      throw new IllegalArgumentException("a multi-object delete takes at most 1000 keys");
    }
    StringBuilder xml = new StringBuilder(64 + 64 * keys.size());
    xml.append("<Delete><Quiet>true</Quiet>");
    for (String key : keys) {
      xml.append("<Object><Key>").append(escapeXml(key)).append("</Key></Object>");
    }
    byte[] bytes = xml.append("</Delete>").toString().getBytes(StandardCharsets.UTF_8);
    RequestBody body = RequestBody.create(bytes, MediaType.get("application/xml"));
    try (Response response =
            send(
                "POST",
                bucket,
                null,
                DELETE_QUERY,
                Map.of(),
                contentMd5(bytes),
                SigV4.sha256Hex(bytes),
                body);
        InputStream in = response.body().byteStream()) {
      return refused(in);
    } catch (XMLStreamException e) {
      throw new IOException("the delete result is not well-formed XML: " + e.getMessage(), e);
    }
  }

  /** {@code DeleteResult/Error}s as {@link Refused}; an answer that is no result is refused. */
  static List<Refused> refused(InputStream in) throws XMLStreamException, IOException {
    List<Refused> refused = new ArrayList<>();
    Map<String, String> error = new HashMap<>();
    String root =
        walk(
            in,
            new Elements() {
              @Override
              public void text(String path, String text) {
                if (path.startsWith("DeleteResult/Error/")) {
                  error.putIfAbsent(path.substring("DeleteResult/Error/".length()), text);
                }
              }

              @Override
              public void end(String path) {
                if (path.equals("DeleteResult/Error")) {
                  refused.add(
                      new Refused(error.get("Key"), error.get("Code"), error.get("Message")));
                  error.clear();
                }
              }
            });
    if (!"DeleteResult".equals(root)) {
      throw new IOException("the answer is not a DeleteResult");
    }
    return refused;
  }

  private static String escapeXml(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * GETs {@code key}: the 2xx answer with its body unread, which the caller closes.
   *
   * @throws ErrorResponseException for an S3 error ({@code NoSuchKey} if absent)
   * @throws IOException if the server cannot be reached or the connection breaks
   * @throws InterruptedException if the caller is interrupted while waiting for the headers
   */
  Response get(String bucket, String key) throws Exception {
    return send("GET", bucket, key, "", Map.of(), null, SigV4.EMPTY_SHA256, null);
  }

  /**
   * HEADs {@code key}: the answer's headers.
   *
   * @throws ErrorResponseException for an S3 error ({@code NoSuchKey} if absent)
   * @throws IOException if the server cannot be reached or the connection breaks
   * @throws InterruptedException if the caller is interrupted while waiting
   */
  Headers head(String bucket, String key) throws Exception {
    try (Response response =
        send("HEAD", bucket, key, "", Map.of(), null, SigV4.EMPTY_SHA256, null)) {
      return response.headers();
    }
  }

  /**
   * Every object name directly under {@code prefix} (not below a further {@code /}), page after
   * page, in the server's order.
   *
   * @throws ErrorResponseException for an S3 error
   * @throws IOException if the server cannot be reached, or for an answer that is not a listing
   */
  List<String> names(String bucket, String prefix) throws Exception {
    return names(bucket, prefix, 1000);
  }

  /** As {@link #names(String, String)}, asking for at most {@code pageSize} names a page. */
  List<String> names(String bucket, String prefix, int pageSize) throws Exception {
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      SortedMap<String, String> query = new TreeMap<>();
      query.put("list-type", "2");
      query.put("prefix", prefix);
      query.put("delimiter", "/");
      query.put("max-keys", Integer.toString(pageSize));
      if (token != null) {
        query.put("continuation-token", token);
      }
      token = page(bucket, query, names);
    } while (token != null);
    return names;
  }

  /** Reads one page into {@code names}; returns the next page's token, or null after the last. */
  private String page(String bucket, SortedMap<String, String> query, List<String> names)
      throws Exception {
    try (Response response =
            send(
                "GET",
                bucket,
                null,
                SigV4.canonicalQuery(query),
                Map.of(),
                null,
                SigV4.EMPTY_SHA256,
                null);
        ResponseBody body = response.body();
        InputStream in = body.byteStream()) {
      return read(in, names);
    } catch (XMLStreamException e) {
      throw new IOException("the listing is not well-formed XML: " + e.getMessage(), e);
    }
  }

  /**
   * Signs and sends one request ({@code key} null for the bucket itself, {@code contentMd5} null
   * for none) and waits for its answer's headers; a 2xx answer is returned open, any other thrown.
   * Each header is sent as named here and signed lower-cased, without a map copied per request.
   */
  private Response send(
      String method,
      String bucket,
      String key,
      String canonicalQuery,
      Map<String, String> headers,
      String contentMd5,
      String payloadSha256,
      RequestBody body)
      throws Exception {
    String path =
        basePath
            + "/"
            + SigV4.encode(bucket, true)
            + (key == null ? "" : "/" + SigV4.encode(key, false));
    Request.Builder request =
        new Request.Builder()
            .url(url(origin, path, canonicalQuery))
            .method(method, body)
            // Bytes as stored: OkHttp would otherwise ask for gzip and drop Content-Length.
            .header("Accept-Encoding", "identity");
    SigV4.Headers signed = new SigV4.Headers();
    headers.forEach(
        (name, value) -> {
          request.header(name, value);
          signed.add(name, value);
        });
    if (contentMd5 != null) {
      request.header("Content-MD5", contentMd5);
      signed.add("Content-MD5", contentMd5);
    }
    request.header("Host", host);
    signed.add("Host", host);
    signer.sign(
        method, path, canonicalQuery, signed, payloadSha256, Instant.now(), request::header);
    Response response = await(http.newCall(request.build()));
    if (response.isSuccessful()) {
      return response;
    }
    try (response) {
      throw error(response, method, bucket, key);
    }
  }

  /**
   * The URL {@code HttpUrl.get} parses from {@code origin}, {@code encodedPath} and {@code
   * canonicalQuery} ("" for none) written one after the other, built from the parsed origin: the
   * endpoint's scheme and host are parsed once, not per request (the host's IDNA mapping alone was
   * about a quarter of the parse's samples in the replicator's profile).
   */
  static HttpUrl url(HttpUrl origin, String encodedPath, String canonicalQuery) {
    return origin
        .newBuilder()
        .encodedPath(encodedPath)
        .encodedQuery(canonicalQuery.isEmpty() ? null : canonicalQuery)
        .build();
  }

  /**
   * Waits for the answer; an interrupt cancels the call (and closes an answer that still comes).
   */
  private static Response await(Call call) throws Exception {
    CompletableFuture<Response> answer = new CompletableFuture<>();
    call.enqueue(
        new Callback() {
          @Override
          public void onFailure(Call failed, IOException e) {
            answer.completeExceptionally(e);
          }

          @Override
          public void onResponse(Call done, Response response) {
            if (!answer.complete(response)) {
              response.close();
            }
          }
        });
    try {
      return answer.get();
    } catch (InterruptedException e) {
      call.cancel();
      answer.thenAccept(Response::close);
      throw e;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** The SDK's exception for an error answer, with its code as {@link S3Errors} reads it. */
  private static ErrorResponseException error(
      Response response, String method, String bucket, String key) {
    String[] parsed = {null, null, null, null};
    ResponseBody body = response.body();
    if (!"HEAD".equals(method) && body != null) {
      try (InputStream in = body.byteStream()) {
        parsed = errorFields(in.readNBytes(MAX_ERROR_BYTES));
      } catch (IOException | XMLStreamException e) {
        // Not an S3 error document (a proxy's page, a cut body): the status decides.
      }
    }
    int status = response.code();
    String code = parsed[0] != null ? parsed[0] : codeOf(status);
    String message = parsed[1] != null ? parsed[1] : "HTTP status " + status;
    String resource = "/" + bucket + (key == null ? "" : "/" + key);
    return new ErrorResponseException(
        new ErrorResponse(code, message, bucket, key, resource, parsed[2], parsed[3]),
        response,
        method + " " + resource + ": " + status);
  }

  /** The code the SDK gives a body-less answer with this status. */
  private static String codeOf(int status) {
    return switch (status) {
      case 404 -> "NoSuchKey";
      case 403 -> "AccessDenied";
      case 412 -> "PreconditionFailed";
      case 409 -> "ResourceConflict";
      case 405, 501 -> "MethodNotAllowed";
      case 301, 307 -> "Redirect";
      default -> status >= 500 ? "InternalError" : "HTTP" + status;
    };
  }

  /**
   * {@code Error/Code}, {@code Message}, {@code RequestId}, {@code HostId}, each null if absent.
   */
  static String[] errorFields(byte[] xml) throws XMLStreamException {
    String[] fields = new String[4];
    if (xml.length == 0) {
      return fields;
    }
    List<String> names = List.of("Error/Code", "Error/Message", "Error/RequestId", "Error/HostId");
    walk(
        new ByteArrayInputStream(xml),
        (path, text) -> {
          int field = names.indexOf(path);
          if (field >= 0 && fields[field] == null) {
            fields[field] = text;
          }
        });
    return fields;
  }

  private static String contentMd5(byte[] bytes) {
    return Base64.getEncoder().encodeToString(SigV4.md5(bytes));
  }

  /**
   * Collects {@code ListBucketResult/Contents/Key}; returns {@code NextContinuationToken} if {@code
   * IsTruncated} is true.
   */
  static String read(InputStream in, List<String> names) throws XMLStreamException, IOException {
    String[] truncatedAndNext = new String[2];
    String root =
        walk(
            in,
            (path, text) -> {
              switch (path) {
                case "ListBucketResult/Contents/Key" -> names.add(text);
                case "ListBucketResult/IsTruncated" -> truncatedAndNext[0] = text.trim();
                case "ListBucketResult/NextContinuationToken" -> truncatedAndNext[1] = text;
                default -> {}
              }
            });
    if (!"ListBucketResult".equals(root)) {
      throw new IOException("the answer is not a ListBucketResult");
    }
    boolean truncated = Boolean.parseBoolean(truncatedAndNext[0]);
    String next = truncatedAndNext[1];
    if (truncated && (next == null || next.isEmpty())) {
      throw new IOException("a truncated listing without a continuation token");
    }
    return truncated ? next : null;
  }

  /**
   * What a {@link #walk} does with the elements of an answer, named by their path from the root.
   */
  private interface Elements {
    /** An element that holds only text ({@code "Error/Code"}, {@code "Error/Message"}...). */
    void text(String path, String text);

    /** Any element's end, after its {@link #text}. */
    default void end(String path) {}
  }

  /**
   * Reads an XML answer whole, telling {@code elements} about each element; returns the root
   * element's name (null for none). The one reader of the answers parsed here: a delete's result,
   * an error document, a listing page.
   */
  private static String walk(InputStream in, Elements elements) throws XMLStreamException {
    XMLStreamReader xml = XML.createXMLStreamReader(in);
    try {
      String root = null;
      StringBuilder path = new StringBuilder();
      Deque<Integer> parents = new ArrayDeque<>();
      StringBuilder text = null; // the current element's text while it has no child element
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          root = root == null ? xml.getLocalName() : root;
          parents.push(path.length());
          path.append(path.length() == 0 ? "" : "/").append(xml.getLocalName());
          text = new StringBuilder();
        } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)
            && text != null) {
          text.append(xml.getText());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          String here = path.toString();
          if (text != null) {
            elements.text(here, text.toString());
          }
          elements.end(here);
          path.setLength(parents.pop());
          text = null; // the parent holds an element: it is not text-only
        }
      }
      return root;
    } finally {
      xml.close();
    }
  }

  private static XMLInputFactory xmlFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    // A listing has no business with a DTD or entities of its own: never resolve any.
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    return factory;
  }
}

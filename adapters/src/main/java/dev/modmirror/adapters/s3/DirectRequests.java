package dev.modmirror.adapters.s3;

import com.google.common.collect.Multimap;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.StatObjectArgs;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The names of the objects directly under a prefix (ListObjectsV2 with delimiter {@code /}), read
 * with a streaming XML reader. The MinIO SDK signs and sends the request as for any other; only the
 * answer is read here: the SDK reads every XML answer through a new SimpleXML {@code Persister},
 * which scans the result classes' annotations again by reflection each time, and in a warm run that
 * was about half of the S3 client's own CPU (two listings per new version, for its
 * {@code @v/list}). Thread-safe.
 */
final class DirectRequests extends MinioAsyncClient {
  private static final XMLInputFactory XML = xmlFactory();

  DirectRequests(MinioAsyncClient client) {
    super(client);
  }

  /**
   * PUTs {@code bytes} as {@code key} with {@code headers} (Content-Type, {@code x-amz-meta-*},
   * conditions), on the calling thread until the request is handed to the HTTP client, and waits
   * for the answer. The SDK signs it with the payload's SHA-256 and sends its Content-MD5, as its
   * own single-part PUT does.
   *
   * @throws Exception as the SDK throws it (an {@code ErrorResponseException} for an S3 error, an
   *     {@link InterruptedException} if the caller is interrupted while waiting); the caller
   *     translates
   */
  void put(String bucket, String key, byte[] bytes, Multimap<String, String> headers)
      throws Exception {
    try (Response ignored =
        executePutAsync(
                StatObjectArgs.builder().bucket(bucket).object(key).build(),
                headers,
                null,
                bytes,
                bytes.length)
            .get()) {
      // Nothing to read: the answer's status is the outcome.
    } catch (ExecutionException e) {
      throwEncapsulatedException(e);
      throw e; // not reached: the SDK rethrows the cause
    }
  }

  /**
   * Every object name directly under {@code prefix} (not below a further {@code /}), page after
   * page, in the server's order.
   *
   * @throws Exception as the SDK throws it (an {@code ErrorResponseException} for an S3 error), or
   *     an {@link IOException} for an answer that is not a listing; the caller translates
   */
  List<String> names(String bucket, String prefix) throws Exception {
    return names(bucket, prefix, 1000);
  }

  /** As {@link #names(String, String)}, asking for at most {@code pageSize} names a page. */
  List<String> names(String bucket, String prefix, int pageSize) throws Exception {
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      Multimap<String, String> query = newMultimap("list-type", "2", "prefix", prefix);
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
  private String page(String bucket, Multimap<String, String> query, List<String> names)
      throws Exception {
    Response response;
    try {
      response =
          executeGetAsync(ListObjectsArgs.builder().bucket(bucket).build(), null, query).get();
    } catch (ExecutionException e) {
      throwEncapsulatedException(e);
      throw e; // not reached: the SDK rethrows the cause
    }
    try (ResponseBody body = response.body();
        InputStream in = body.byteStream()) {
      return read(in, names);
    } catch (XMLStreamException e) {
      throw new IOException("the listing is not well-formed XML: " + e.getMessage(), e);
    }
  }

  /**
   * Collects {@code ListBucketResult/Contents/Key}; returns {@code NextContinuationToken} if {@code
   * IsTruncated} is true.
   */
  static String read(InputStream in, List<String> names) throws XMLStreamException, IOException {
    XMLStreamReader xml = XML.createXMLStreamReader(in);
    try {
      boolean truncated = false;
      String next = null;
      boolean root = false;
      int depth = 0;
      String parent = null;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          String name = xml.getLocalName();
          if (depth == 1) {
            root = "ListBucketResult".equals(name);
          } else if (depth == 2) {
            parent = name;
            if ("IsTruncated".equals(name)) {
              truncated = Boolean.parseBoolean(xml.getElementText().trim());
              depth--;
            } else if ("NextContinuationToken".equals(name)) {
              next = xml.getElementText();
              depth--;
            }
          } else if (depth == 3 && "Contents".equals(parent) && "Key".equals(name)) {
            names.add(xml.getElementText());
            depth--;
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
      if (!root) {
        throw new IOException("the answer is not a ListBucketResult");
      }
      if (truncated && (next == null || next.isEmpty())) {
        throw new IOException("a truncated listing without a continuation token");
      }
      return truncated ? next : null;
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

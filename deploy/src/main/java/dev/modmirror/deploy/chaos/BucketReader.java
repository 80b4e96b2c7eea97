package dev.modmirror.deploy.chaos;

import dev.modmirror.adapters.s3.S3Config;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.messages.Item;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a whole bucket back, straight from its S3 endpoint (not through the chaos front): every
 * object's key and SHA-256, the user metadata of every {@code .info}, and the text of every {@code
 * @v/list}. The invariants are computed from this, never from what the services reported.
 */
final class BucketReader {
  private BucketReader() {}

  static BucketContents read(String name, S3Config bucket) throws Exception {
    MinioClient client =
        MinioClient.builder()
            .endpoint(bucket.endpoint().toString())
            .credentials(bucket.accessKey(), bucket.secretKey())
            .region(bucket.region())
            .build();
    Map<String, StoredObject> objects = new HashMap<>();
    Map<String, String> lists = new HashMap<>();
    for (Result<Item> result :
        client.listObjects(
            ListObjectsArgs.builder().bucket(bucket.bucket()).recursive(true).build())) {
      Item item = result.get();
      if (item.isDir()) {
        continue;
      }
      String key = item.objectName();
      byte[] bytes;
      try (InputStream in =
          client.getObject(GetObjectArgs.builder().bucket(bucket.bucket()).object(key).build())) {
        bytes = in.readAllBytes();
      }
      Map<String, String> metadata = new HashMap<>();
      if (key.endsWith(".info")) {
        client
            .statObject(StatObjectArgs.builder().bucket(bucket.bucket()).object(key).build())
            .userMetadata()
            .forEach((k, v) -> metadata.put(k.toLowerCase(Locale.ROOT), v));
      }
      if (key.endsWith("/@v/list")) {
        lists.put(
            key.substring(0, key.length() - "list".length()),
            new String(bytes, StandardCharsets.UTF_8));
      }
      objects.put(key, new StoredObject(key, sha256(bytes), metadata));
    }
    return new BucketContents(name, objects, lists);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}

package dev.modmirror.adapters.s3;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bucket read the way Athens v0.18.0's storage backends read it, ported call for call from its Go
 * source (github.com/gomods/athens, tag v0.18.0), so that the interop test checks the layout
 * against what Athens does, not against what modmirror meant to write. Module paths and versions
 * are passed decoded, as Athens' download protocol passes them ({@code paths.DecodePath}).
 */
final class AthensReaders {
  private AthensReaders() {}

  /** The storage reads of one backend. */
  interface Reader {
    List<String> list(String module) throws Exception;

    boolean exists(String module, String version) throws Exception;

    Optional<byte[]> info(String module, String version) throws Exception;

    Optional<byte[]> goMod(String module, String version) throws Exception;

    Optional<byte[]> zip(String module, String version) throws Exception;
  }

  /** {@code pkg/storage/minio}: {@code versionLocation} is {@code module/version}. */
  static Reader minio(MinioClient client, String bucket) {
    return new Reader() {
      // lister.go: ListObjectsV2(bucket, module+"/", "", false, "", 0, ""), no delimiter; a key is
      // a version when it equals versionLocation(module, ver)+"/go.mod", ver being the key's
      // second-to-last element (key.go extractKey); sort.Strings.
      @Override
      public List<String> list(String module) throws Exception {
        List<String> versions = new ArrayList<>();
        for (String key : keys(client, bucket, module + "/")) {
          String decoded = URLDecoder.decode(key.replace("+", "%2B"), StandardCharsets.UTF_8);
          String[] parts = decoded.split("/", -1);
          String version = parts[parts.length - 2];
          if ((module + "/" + version + "/go.mod").equals(decoded)) {
            versions.add(version);
          }
        }
        versions.sort(null);
        return versions;
      }

      // checker.go: lists the prefix versionLocation (no trailing slash) and counts the keys
      // equal to go.mod, <version>.info and source.zip: all three must be there.
      @Override
      public boolean exists(String module, String version) throws Exception {
        String dir = module + "/" + version;
        List<String> wanted =
            List.of(dir + "/go.mod", dir + "/" + version + ".info", dir + "/source.zip");
        return keys(client, bucket, dir).stream().filter(wanted::contains).count() == 3;
      }

      @Override
      public Optional<byte[]> info(String module, String version) throws Exception {
        return get(client, bucket, module + "/" + version + "/" + version + ".info");
      }

      @Override
      public Optional<byte[]> goMod(String module, String version) throws Exception {
        return get(client, bucket, module + "/" + version + "/go.mod");
      }

      // getter.go Zip: StatObject first (not found -> KindNotFound), then GetObject.
      @Override
      public Optional<byte[]> zip(String module, String version) throws Exception {
        String key = module + "/" + version + "/source.zip";
        try {
          client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (ErrorResponseException e) {
          return Optional.empty();
        }
        return get(client, bucket, key);
      }
    };
  }

  /** {@code pkg/storage/s3} (and gcp, azureblob): {@code config.PackageVersionedName}. */
  static Reader s3(MinioClient client, String bucket) {
    return new Reader() {
      // lister.go: prefix strings.TrimSuffix(module, "/")+"/@v", paginated, no delimiter; every
      // key ending in ".info" gives a version: its last element without ".info". Not sorted.
      @Override
      public List<String> list(String module) throws Exception {
        String prefix =
            (module.endsWith("/") ? module.substring(0, module.length() - 1) : module) + "/@v";
        List<String> versions = new ArrayList<>();
        for (String key : keys(client, bucket, prefix)) {
          if (key.endsWith(".info")) {
            String[] segments = key.split("/", -1);
            String last = segments[segments.length - 1];
            versions.add(last.substring(0, last.length() - ".info".length()));
          }
        }
        return versions;
      }

      // checker.go: HeadObject of info, mod and zip; all must exist.
      @Override
      public boolean exists(String module, String version) throws Exception {
        for (String ext : List.of("info", "mod", "zip")) {
          try {
            client.statObject(
                StatObjectArgs.builder().bucket(bucket).object(name(module, version, ext)).build());
          } catch (ErrorResponseException e) {
            return false;
          }
        }
        return true;
      }

      @Override
      public Optional<byte[]> info(String module, String version) throws Exception {
        return get(client, bucket, name(module, version, "info"));
      }

      @Override
      public Optional<byte[]> goMod(String module, String version) throws Exception {
        return get(client, bucket, name(module, version, "mod"));
      }

      @Override
      public Optional<byte[]> zip(String module, String version) throws Exception {
        return get(client, bucket, name(module, version, "zip"));
      }

      // config.PackageVersionedName(module, version, ext): "%s/@v/%s.%s".
      private String name(String module, String version, String ext) {
        return module + "/@v/" + version + "." + ext;
      }
    };
  }

  private static List<String> keys(MinioClient client, String bucket, String prefix)
      throws Exception {
    List<String> keys = new ArrayList<>();
    for (Result<Item> result :
        client.listObjects(
            ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
      keys.add(result.get().objectName());
    }
    return keys;
  }

  private static Optional<byte[]> get(MinioClient client, String bucket, String key)
      throws Exception {
    try (InputStream in =
        client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
      return Optional.of(in.readAllBytes());
    } catch (ErrorResponseException e) {
      if ("NoSuchKey".equals(e.errorResponse().code())) {
        return Optional.empty();
      }
      throw e;
    }
  }
}

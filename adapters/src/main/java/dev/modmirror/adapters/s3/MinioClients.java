package dev.modmirror.adapters.s3;

import io.minio.MinioClient;

/** Builds the MinIO SDK client of one bucket's endpoint, the same way for every S3 adapter. */
final class MinioClients {
  private MinioClients() {}

  static MinioClient create(S3Config config) {
    return MinioClient.builder()
        .endpoint(config.endpoint().toString())
        .credentials(config.accessKey(), config.secretKey())
        .region(config.region())
        .build();
  }
}

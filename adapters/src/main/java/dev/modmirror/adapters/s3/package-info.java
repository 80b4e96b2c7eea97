/**
 * The {@link dev.modmirror.core.store.ModuleStore} on S3-compatible object storage (MinIO, S3,
 * S3Proxy) through the MinIO Java SDK. One bucket is one GOPROXY tree.
 */
package dev.modmirror.adapters.s3;

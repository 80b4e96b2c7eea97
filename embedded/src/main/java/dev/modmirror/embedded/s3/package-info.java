/** S3-compatible endpoints (S3Proxy over a directory) running in this JVM. */
package dev.modmirror.embedded.s3;

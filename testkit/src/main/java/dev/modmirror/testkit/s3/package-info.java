/** Real S3-compatible servers for tests, each standing for one region. */
package dev.modmirror.testkit.s3;

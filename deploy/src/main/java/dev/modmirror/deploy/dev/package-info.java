/**
 * {@code modmirror dev}: a whole mirror in one JVM on real embedded servers (a KRaft broker and
 * S3Proxy endpoints), warming one go.mod and reporting each version's state in every region.
 */
package dev.modmirror.deploy.dev;

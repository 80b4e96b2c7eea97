/**
 * {@code modmirror dev}: a whole mirror in one JVM on real embedded servers (a KRaft broker and
 * S3Proxy endpoints), warming one go.mod and reporting each version's state in every region. Only
 * what is dev-only lives here (the servers, the deployment pointing at them, the report); the
 * adapters and services are assembled as in production ({@code deploy.wiring}).
 */
package dev.modmirror.deploy.dev;

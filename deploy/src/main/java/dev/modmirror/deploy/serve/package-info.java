/**
 * The HTTP binding of {@code modmirror serve}: {@link dev.modmirror.deploy.serve.GoproxyHttp} turns
 * the use case's answers ({@code dev.modmirror.serve}) into HTTP on the shared layer ({@code
 * adapters.http}).
 */
package dev.modmirror.deploy.serve;

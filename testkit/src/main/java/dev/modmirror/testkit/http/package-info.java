/**
 * Shared plumbing of the fake HTTP servers: a tiny loopback HTTP/1.1 server with a request log.
 *
 * <p>It is not {@code com.sun.net.httpserver}: that server cannot abort a response mid-body
 * (closing a short fixed-length body throws but leaves the connection open, so the client waits for
 * ever), and truncated bodies are a fault the fakes must inject.
 */
package dev.modmirror.testkit.http;

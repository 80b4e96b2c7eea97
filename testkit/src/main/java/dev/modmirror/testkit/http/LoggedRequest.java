package dev.modmirror.testkit.http;

/**
 * One request a fake server answered.
 *
 * @param method the HTTP method
 * @param path the raw path (case-encoded), with the query if there was one
 * @param status the status sent (200 for truncated and corrupted bodies)
 */
public record LoggedRequest(String method, String path, int status) {}

package dev.modmirror.testkit.http;

/**
 * One request a fake server answered.
 *
 * @param method the HTTP method
 * @param path the path, percent-decoded but still case-encoded ({@code
 *     /example.com/!big!co/@v/list}), with the raw query if there was one
 * @param status the status sent (200 for truncated and corrupted bodies)
 */
public record LoggedRequest(String method, String path, int status) {}

package dev.modmirror.core.sumdb;

/**
 * Fetches paths of one checksum database ({@code /lookup/M@V}, {@code /tile/8/0/000.p/3}, {@code
 * /latest}) relative to its base URL, which is either the database itself or a proxy's {@code
 * $proxy/sumdb/<name>}. Implementations cap response sizes and follow no cross-scheme redirects.
 */
@FunctionalInterface
public interface SumDbTransport {
  /**
   * Returns the body of a successful response.
   *
   * @param path the path, starting with {@code /}
   * @throws dev.modmirror.core.error.NotFoundException on 404 or 410 (absent, never empty)
   * @throws dev.modmirror.core.error.TransientException on timeouts, 5xx and broken connections
   * @throws dev.modmirror.core.error.PermanentException on other statuses and oversize bodies
   */
  byte[] get(String path);
}

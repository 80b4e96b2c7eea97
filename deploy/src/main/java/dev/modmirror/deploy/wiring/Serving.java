package dev.modmirror.deploy.wiring;

import dev.modmirror.adapters.http.HttpService;

/** A running {@code serve} endpoint, started by {@link Services#startServe}. Closing stops it. */
public final class Serving implements AutoCloseable {
  private final HttpService http;
  private final String bucket;

  Serving(HttpService http, String bucket) {
    this.http = http;
    this.bucket = bucket;
  }

  /** The port it listens on (the one asked for, or the one chosen for port 0). */
  public int port() {
    return http.port();
  }

  /** The name of the bucket it serves: {@code primary} or a region. */
  public String bucket() {
    return bucket;
  }

  @Override
  public void close() {
    http.close();
  }
}

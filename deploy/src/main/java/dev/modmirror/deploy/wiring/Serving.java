package dev.modmirror.deploy.wiring;

import dev.modmirror.adapters.http.HttpService;

/** A running {@code serve} endpoint, started by {@link Services#startServe}. Closing stops it. */
public final class Serving implements AutoCloseable {
  private final HttpService http;
  private final AutoCloseable demand;
  private final String bucket;

  Serving(HttpService http, AutoCloseable demand, String bucket) {
    this.http = http;
    this.demand = demand;
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

  /** Stops listening, then publishes the demand still queued. */
  @Override
  public void close() {
    http.close();
    try {
      demand.close();
    } catch (Exception e) {
      // Demand is a count: losing the last few observations on the way out is acceptable.
    }
  }
}

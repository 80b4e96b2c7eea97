package dev.modmirror.adapters.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/** Probes that a URL's host accepts a TCP connection (an OTLP collector, before any export). */
public final class TcpProbe {
  private TcpProbe() {}

  public static Probe connect(URI url, Duration timeout, String hint) {
    int port =
        url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(url.getHost(), port), (int) timeout.toMillis());
      return Probe.ok(url.getHost() + ":" + port + " accepts connections");
    } catch (IOException | IllegalArgumentException e) {
      return Probe.unreachable(url.getHost() + ":" + port + ": " + e.getMessage(), hint);
    }
  }
}

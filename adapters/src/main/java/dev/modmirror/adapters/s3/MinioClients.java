package dev.modmirror.adapters.s3;

import io.minio.MinioClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * Builds the MinIO SDK client of one bucket's endpoint, the same way for every S3 adapter, over an
 * HTTP client of our own:
 *
 * <ul>
 *   <li>explicit timeouts ({@link S3Config#timeout()}): the SDK's defaults are five minutes each
 *       for connect, read and write, so a hung endpoint held a version for minutes per attempt;
 *   <li>room for the warmer's versions in flight: the SDK runs every request through OkHttp's
 *       dispatcher, whose default admits 5 requests per host at once;
 *   <li>an explicit TLS trust manager (the JDK's default trust store, as before): the SDK derives a
 *       client per upload ({@code newBuilder().build()}), and without one each derivation looked up
 *       the platform trust roots and compared them entry by entry, about a tenth of a warm run's
 *       CPU.
 * </ul>
 */
final class MinioClients {
  /** Requests to one endpoint at once, per client: above the warmer's default 64 in flight. */
  static final int MAX_REQUESTS_PER_HOST = 128;

  private MinioClients() {}

  static MinioClient create(S3Config config) {
    return MinioClient.builder()
        .endpoint(config.endpoint().toString())
        .credentials(config.accessKey(), config.secretKey())
        .region(config.region())
        .httpClient(httpClient(config.timeout()), true)
        .build();
  }

  /**
   * The direct requests to the same bucket ({@link DirectRequests}), with an HTTP client of its
   * own.
   */
  static DirectRequests direct(S3Config config) {
    return new DirectRequests(config, httpClient(config.timeout()));
  }

  static OkHttpClient httpClient(Duration timeout) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(4 * MAX_REQUESTS_PER_HOST);
    dispatcher.setMaxRequestsPerHost(MAX_REQUESTS_PER_HOST);
    X509TrustManager trust = platformTrust();
    long millis = timeout.toMillis();
    return new OkHttpClient.Builder()
        .connectTimeout(Math.min(millis, Duration.ofSeconds(10).toMillis()), TimeUnit.MILLISECONDS)
        .readTimeout(millis, TimeUnit.MILLISECONDS)
        .writeTimeout(millis, TimeUnit.MILLISECONDS)
        .protocols(List.of(Protocol.HTTP_1_1))
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(MAX_REQUESTS_PER_HOST / 4, 5, TimeUnit.MINUTES))
        .sslSocketFactory(sslContext(trust).getSocketFactory(), trust)
        .build();
  }

  private static X509TrustManager platformTrust() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the JDK has no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's default trust store cannot be read", e);
    }
  }

  private static SSLContext sslContext(X509TrustManager trust) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trust}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available", e);
    }
  }
}

package dev.modmirror.adapters.http;

import dev.modmirror.core.auth.AccessRules;
import dev.modmirror.core.config.Settings;
import dev.modmirror.core.error.InvalidInputException;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Access control and TLS for every HTTP surface of a process ({@code MODMIRROR_AUTH_TOKENS_FILE},
 * {@code MODMIRROR_TLS_KEYSTORE…}; docs/configuration.md). Without a token file access control is
 * off: routes that need the admin role are not served at all, the others are open, and the process
 * says so at start. The key store password is a secret: never printed.
 *
 * @param tokensFile the token file, if access control is on
 * @param keyStore the TLS key store (PKCS12 or JKS), if HTTPS is on
 * @param keyStoreType its type
 * @param keyStorePassword its password (also the key's)
 */
public record HttpSecurity(
    Optional<Path> tokensFile,
    Optional<Path> keyStore,
    String keyStoreType,
    String keyStorePassword) {
  public HttpSecurity {
    Objects.requireNonNull(tokensFile, "tokensFile");
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(keyStoreType, "keyStoreType");
    keyStorePassword = keyStorePassword == null ? "" : keyStorePassword;
  }

  /** Access control off, plain HTTP: dev mode and tests. */
  public static HttpSecurity none() {
    return new HttpSecurity(Optional.empty(), Optional.empty(), "PKCS12", "");
  }

  /** Reads the settings; a token file or key store that cannot be loaded is a recorded problem. */
  public static HttpSecurity from(Settings s) {
    HttpSecurity security =
        new HttpSecurity(
            s.raw("MODMIRROR_AUTH_TOKENS_FILE").map(Path::of),
            s.raw("MODMIRROR_TLS_KEYSTORE").map(Path::of),
            s.string("MODMIRROR_TLS_KEYSTORE_TYPE", "PKCS12"),
            s.string("MODMIRROR_TLS_KEYSTORE_PASSWORD", ""));
    security.tokensFile.ifPresent(
        f -> {
          try {
            TokenStore.open(f);
          } catch (InvalidInputException e) {
            s.problem("MODMIRROR_AUTH_TOKENS_FILE: " + e.getMessage());
          }
        });
    if (security.keyStore.isPresent()) {
      try {
        security.sslContext();
      } catch (InvalidInputException e) {
        s.problem("MODMIRROR_TLS_KEYSTORE: " + e.getMessage());
      }
    }
    return security;
  }

  /** Whether tokens are checked. */
  public boolean accessControl() {
    return tokensFile.isPresent();
  }

  /**
   * Applies TLS and, when on, access control to a surface being built: {@code routes} is given the
   * access builder to declare each route's access (it is not called when access control is off).
   *
   * @return the access filter installed, empty when access control is off
   * @throws InvalidInputException if the token file or key store cannot be loaded
   */
  public Optional<AccessControl> apply(
      HttpService.Builder http,
      AccessRules rules,
      OpenTelemetry telemetry,
      Consumer<AccessControl.Builder> routes) {
    if (keyStore.isPresent()) {
      http.tls(sslContext());
    }
    if (tokensFile.isPresent()) {
      AccessControl.Builder access =
          AccessControl.builder(TokenStore.open(tokensFile.get()), rules).telemetry(telemetry);
      routes.accept(access);
      AccessControl filter = access.build();
      http.filter(filter);
      return Optional.of(filter);
    }
    return Optional.empty();
  }

  /**
   * The TLS context of the key store.
   *
   * @throws InvalidInputException naming the store and the kind of failure, never the password
   */
  public SSLContext sslContext() {
    Path file = keyStore.orElseThrow();
    char[] password = keyStorePassword.toCharArray();
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(keyStoreType);
      store.load(in, password);
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidInputException(
          "cannot load the key store "
              + file
              + " ("
              + keyStoreType
              + "): "
              + e.getClass().getSimpleName());
    }
  }

  @Override
  public String toString() {
    return "HttpSecurity[tokensFile="
        + tokensFile.map(Path::toString).orElse("-")
        + ", keyStore="
        + keyStore.map(Path::toString).orElse("-")
        + ", keyStoreType="
        + keyStoreType
        + ", keyStorePassword=xxxxx]";
  }
}

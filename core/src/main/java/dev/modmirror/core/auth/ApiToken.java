package dev.modmirror.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * API tokens: {@code mmt_} followed by 256 random bits in unpadded base64url (47 characters). Only
 * the SHA-256 of a token is stored. A fast hash is enough, and a password KDF (bcrypt, scrypt,
 * Argon2) would add nothing but cost: KDFs slow down guessing of low-entropy secrets, and a 256-bit
 * random token cannot be guessed; a slow hash per request would only hand an attacker a cheap way
 * to burn our CPU.
 */
public final class ApiToken {
  /** Every token starts with this, so a leaked one is easy to recognise and scan for. */
  public static final String PREFIX = "mmt_";

  private static final Pattern SHAPE = Pattern.compile("mmt_[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiToken() {}

  /** A new token; show it once, store only {@link #hash}. */
  public static String generate() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** Whether {@code text} has a token's shape (says nothing about whether it is valid). */
  public static boolean wellFormed(String text) {
    return text != null && SHAPE.matcher(text).matches();
  }

  /** SHA-256 of the token's UTF-8 bytes (of the empty string for null). */
  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest((token == null ? "" : token).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The stored form of a hash: {@code sha256:<64 hex digits>}. */
  public static String stored(byte[] hash) {
    return "sha256:" + HexFormat.of().formatHex(hash);
  }
}

package dev.modmirror.core.sumdb;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** Raw 32-byte Ed25519 keys on top of the JDK provider, which speaks X.509 and PKCS#8. */
final class Ed25519 {
  private static final byte[] X509_PREFIX = hex("302a300506032b6570032100");
  private static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");

  private Ed25519() {}

  static PublicKey publicKey(byte[] raw) {
    return keyFactory(
        () -> factory().generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, raw))));
  }

  static PrivateKey privateKey(byte[] seed) {
    return keyFactory(
        () -> factory().generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed))));
  }

  /** A fresh key pair as {@code [seed, publicKey]}, both raw 32 bytes. */
  static byte[][] generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] pub = pair.getPublic().getEncoded();
      byte[] priv = pair.getPrivate().getEncoded();
      return new byte[][] {
        Arrays.copyOfRange(priv, priv.length - 32, priv.length),
        Arrays.copyOfRange(pub, pub.length - 32, pub.length)
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK 17 always has Ed25519", e);
    }
  }

  static boolean verify(PublicKey key, byte[] msg, byte[] sig) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(msg);
      return verifier.verify(sig);
    } catch (SignatureException e) {
      return false; // a malformed signature is simply not a valid one
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK 17 always has Ed25519", e);
    }
  }

  static byte[] sign(PrivateKey key, byte[] msg) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(msg);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  private interface KeyMaker<K> {
    K make() throws GeneralSecurityException;
  }

  private static <K> K keyFactory(KeyMaker<K> maker) {
    try {
      return maker.make();
    } catch (GeneralSecurityException e) {
      throw new SumDbException(SumDbException.Rule.MALFORMED_KEY, "invalid Ed25519 key");
    }
  }

  private static KeyFactory factory() throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }
}

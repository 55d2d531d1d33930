package dev.warmtransfer.service.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets and their stored digests.
 *
 * <p>API keys and session tokens are 256 random bits, so a single SHA-256 is as strong a store as
 * bcrypt would be (nobody can guess 2^256 inputs) and costs a microsecond instead of ~100 ms per
 * request. Passwords, which people choose, get bcrypt instead ({@link Passwords}).
 */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Secrets() {}

  /** A new secret: a readable prefix saying what it is, then 32 random bytes. */
  public static String generate(String prefix) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return prefix + B64.encodeToString(bytes);
  }

  /** What is stored and looked up instead of the secret itself. */
  public static String digest(String secret) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return B64.encodeToString(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JVM", e);
    }
  }
}

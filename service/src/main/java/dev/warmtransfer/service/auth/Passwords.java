package dev.warmtransfer.service.auth;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Agents' passwords: bcrypt (cost 12, a random salt each), from Spring Security's crypto module.
 * Checked only when an agent signs in, never per request: a session token stands in afterwards.
 */
public final class Passwords {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 72; // bcrypt reads no further than 72 bytes
  private static final BCryptPasswordEncoder ENCODER = new BCryptPasswordEncoder(12);
  // Compared against when the username is unknown, so a miss costs what a hit costs.
  private static final String DECOY = ENCODER.encode("decoy-password-for-unknown-users");

  private Passwords() {}

  public static String hash(String password) {
    check(password);
    return ENCODER.encode(password);
  }

  /** Whether {@code password} matches {@code hash}; a null hash (unknown user) still costs one bcrypt. */
  public static boolean matches(String password, String hash) {
    if (password == null || password.length() > MAX_LENGTH) {
      ENCODER.matches("x", DECOY);
      return false;
    }
    if (hash == null) {
      ENCODER.matches(password, DECOY);
      return false;
    }
    return ENCODER.matches(password, hash);
  }

  public static void check(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("password: at least " + MIN_LENGTH + " characters");
    }
    if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_LENGTH) {
      throw new IllegalArgumentException("password: at most " + MAX_LENGTH + " bytes");
    }
  }
}

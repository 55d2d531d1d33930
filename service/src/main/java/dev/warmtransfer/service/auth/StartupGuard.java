package dev.warmtransfer.service.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Refuses to run a non-dev service on credentials everyone knows: the LiveKit secret published in
 * this repository (config.yml, compose, the launcher), LiveKit's own dev secret, or none at all.
 */
public final class StartupGuard {
  /** Published defaults; anyone holding one can mint tokens for any room. */
  static final Set<String> PUBLISHED_SECRETS =
      Set.of("warm-transfer-dev-secret-change-me-0123456789", "secret", "devsecret");
  static final int MIN_SECRET_LENGTH = 32;

  private StartupGuard() {}

  /** Every reason this configuration may not serve outside dev mode; empty when it may. */
  public static List<String> problems(boolean devMode, String livekitKey, String livekitSecret, String apiKey) {
    List<String> out = new ArrayList<>();
    if (devMode) {
      return out;
    }
    if (livekitKey == null || livekitKey.isBlank()) {
      out.add("LIVEKIT_API_KEY is not set");
    }
    if (livekitSecret == null || livekitSecret.isBlank()) {
      out.add("LIVEKIT_API_SECRET is not set");
    } else if (PUBLISHED_SECRETS.contains(livekitSecret)) {
      out.add("LIVEKIT_API_SECRET is the published default; set your own");
    } else if (livekitSecret.length() < MIN_SECRET_LENGTH) {
      out.add("LIVEKIT_API_SECRET is shorter than " + MIN_SECRET_LENGTH + " characters");
    }
    if (apiKey != null && !apiKey.isEmpty() && apiKey.length() < MIN_SECRET_LENGTH) {
      out.add("WT_API_KEY is shorter than " + MIN_SECRET_LENGTH + " characters");
    }
    return out;
  }

  public static void check(boolean devMode, String livekitKey, String livekitSecret, String apiKey) {
    List<String> problems = problems(devMode, livekitKey, livekitSecret, apiKey);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "refusing to start outside dev mode (WT_DEV_MODE=true is for local demos only): "
              + String.join("; ", problems));
    }
  }
}

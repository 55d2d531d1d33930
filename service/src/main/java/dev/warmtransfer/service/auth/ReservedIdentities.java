package dev.warmtransfer.service.auth;

import java.util.Locale;

/** LiveKit identities only the service hands out: agents' ({@code agent-<username>}) and bots' ({@code wt-...}). */
public final class ReservedIdentities {
  public static final String AGENT_PREFIX = "agent-";
  private static final String BOT_PREFIX = "wt-";

  private ReservedIdentities() {}

  public static String forAgent(String username) {
    return AGENT_PREFIX + username;
  }

  public static boolean isReserved(String identity) {
    String id = identity.toLowerCase(Locale.ROOT);
    return id.startsWith(AGENT_PREFIX) || id.startsWith(BOT_PREFIX);
  }
}

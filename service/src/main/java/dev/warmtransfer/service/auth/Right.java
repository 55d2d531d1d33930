package dev.warmtransfer.service.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** One thing an API key may do beyond what any signed-in agent may do for itself. */
public enum Right {
  /** Mint a LiveKit token for any identity and role (the seed's {@code /token}). */
  TOKENS,
  /** Create and list rooms. */
  ROOMS,
  /** Start, accept, decline and cancel transfers on any agent's behalf. */
  TRANSFERS,
  /** Create call links and read the waiting calls. */
  CALLS,
  /** Read the agent directory. */
  AGENTS;

  /** The seed's whole API, as the dev key has it. */
  public static Set<Right> all() {
    return EnumSet.allOf(Right.class);
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses "tokens,rooms" or "all"; an unknown word is an argument error naming it. */
  public static Set<Right> parse(String list) {
    if (list == null || list.isBlank()) {
      throw new IllegalArgumentException("rights: empty list");
    }
    EnumSet<Right> rights = EnumSet.noneOf(Right.class);
    for (String word : list.split(",")) {
      String w = word.trim().toUpperCase(Locale.ROOT);
      if (w.equals("ALL")) {
        rights.addAll(all());
        continue;
      }
      try {
        rights.add(Right.valueOf(w));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("rights: unknown right '" + word.trim() + "'");
      }
    }
    return rights;
  }
}

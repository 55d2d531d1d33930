package dev.warmtransfer.service.auth;

import java.util.regex.Pattern;

/** Agents' usernames: short, lower-case, and safe inside a LiveKit identity ({@code agent-<username>}). */
public final class Usernames {
  public static final String PATTERN = "^[a-z][a-z0-9_-]{1,31}$";
  private static final Pattern COMPILED = Pattern.compile(PATTERN);

  private Usernames() {}

  public static void check(String username) {
    if (username == null || !COMPILED.matcher(username).matches()) {
      throw new IllegalArgumentException("username: 2-32 of a-z 0-9 _ -, starting with a letter");
    }
  }
}

package dev.warmtransfer.service.api;

/** Rules shared by every name a client sends: identities and rooms end up in URLs, logs and SQL-free ids. */
public final class Names {
  public static final String PATTERN = "^[A-Za-z0-9_.:-]*$";
  public static final String PATTERN_MESSAGE = "may only hold letters, digits and _ . : -";
  public static final int MAX_LENGTH = 128;

  private Names() {}
}

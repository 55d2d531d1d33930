package dev.warmtransfer.service.api;

/** Rules shared by every name a client sends: identities and rooms end up in URLs, logs and SQL-free ids. */
public final class Names {
  /** A letter or digit first, so no name is "." or ".." or hidden; then letters, digits and _ . : - */
  public static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.:-]*$";
  public static final String PATTERN_MESSAGE = "must start with a letter or digit and hold only letters, digits and _ . : -";
  public static final int MAX_LENGTH = 128;
  /**
   * Display names: any printable text, but no control, formatting or direction-override characters
   * (U+202E would show "evil\u202Egpj.exe" as "evilexe.jpg"), line separators, nor lone surrogates.
   */
  public static final String DISPLAY_PATTERN = "^[^\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}]*$";
  public static final String DISPLAY_PATTERN_MESSAGE = "must not hold control, formatting or direction characters";

  private Names() {}
}

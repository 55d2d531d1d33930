package dev.warmtransfer.service.api;

/** Rules shared by every name a client sends: identities and rooms end up in URLs, logs and SQL-free ids. */
public final class Names {
  /** A letter or digit first, so no name is "." or ".." or hidden; then letters, digits and _ . : - */
  public static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.:-]*$";
  public static final String PATTERN_MESSAGE = "must start with a letter or digit and hold only letters, digits and _ . : -";
  public static final int MAX_LENGTH = 128;
  /**
   * Display names: any printable text, but no control, invisible formatting or direction-override
   * characters (U+202E would show "evil\u202Egpj.exe" as "evilexe.jpg"), line separators, nor halves
   * of surrogate pairs; the zero-width joiners stay, as emoji and some scripts need them. Written as
   * plain ranges so the OpenAPI document's copy means the same to other regex engines.
   */
  public static final String DISPLAY_PATTERN =
      "^[^\\u0000-\\u001F\\u007F-\\u009F\\u00AD\\u0600-\\u0605\\u061C\\u06DD\\u070F\\u180E"
          + "\\u200B\\u200E\\u200F\\u2028-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\uFEFF\\uFFF9-\\uFFFB"
          + "\\uD800-\\uDFFF]*$";
  public static final String DISPLAY_PATTERN_MESSAGE = "must not hold control, formatting or direction characters";

  private Names() {}
}

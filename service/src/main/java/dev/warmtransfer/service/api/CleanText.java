package dev.warmtransfer.service.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * Free text (transcripts, notes) without the characters that only do harm downstream: control
 * characters other than tab and line breaks, invisible formatting and direction overrides (U+202E
 * turns a summary's text around on screen), and halves of surrogate pairs. Put on a field with
 * {@code @JsonDeserialize(using = CleanText.class)}.
 */
public final class CleanText extends StdScalarDeserializer<String> {
  public CleanText() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    String raw = _parseString(p, ctxt, this);
    return raw == null ? null : clean(raw);
  }

  public static String clean(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = s.codePointAt(i);
        if (Character.getType(cp) != Character.FORMAT) { // e.g. the invisible tag characters
          out.appendCodePoint(cp);
        }
        i += 2;
        continue;
      }
      if (!Character.isSurrogate(c) && allowed(c)) {
        out.append(c);
      }
      i++;
    }
    return out.length() == s.length() ? s : out.toString();
  }

  private static boolean allowed(char c) {
    if (c == '\n' || c == '\r' || c == '\t') {
      return true;
    }
    int type = Character.getType(c);
    if (type == Character.CONTROL) {
      return false;
    }
    // Zero-width joiners build emoji and some scripts' letters; other format characters are unseen.
    return type != Character.FORMAT || c == '\u200C' || c == '\u200D';
  }
}

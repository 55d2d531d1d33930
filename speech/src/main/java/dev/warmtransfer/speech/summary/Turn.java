package dev.warmtransfer.speech.summary;

import java.util.Objects;

/**
 * One stretch of talk by one speaker. The call assistant knows who is who and passes turns
 * straight in; a plain transcript is parsed into turns by {@link Turns}.
 */
public record Turn(String speaker, Role role, String text) {
  public enum Role {
    CALLER,
    AGENT,
    /** Not known: a narrative note, or a speaker nobody could place. */
    UNKNOWN
  }

  public Turn {
    Objects.requireNonNull(speaker, "speaker");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
  }
}

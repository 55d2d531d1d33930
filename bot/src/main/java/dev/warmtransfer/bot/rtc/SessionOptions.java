package dev.warmtransfer.bot.rtc;

import java.time.Duration;
import java.util.Objects;

/**
 * What one session does: how long joining may take, the name of our microphone track (null to
 * publish no audio), and whether LiveKit should subscribe us to everyone's tracks.
 */
public record SessionOptions(Duration timeout, String trackName, boolean autoSubscribe) {
  public SessionOptions {
    Objects.requireNonNull(timeout, "timeout");
  }

  boolean publishesAudio() {
    return trackName != null;
  }
}

package dev.warmtransfer.bot.rtc;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one session does: how long joining may take, the name of our microphone track (null to
 * publish no audio), whether LiveKit should subscribe us to everyone's tracks, and who may
 * subscribe to ours ({@code voiceFor}: those identities only; null for everyone).
 */
public record SessionOptions(Duration timeout, String trackName, boolean autoSubscribe, List<String> voiceFor) {
  public SessionOptions {
    Objects.requireNonNull(timeout, "timeout");
    voiceFor = voiceFor == null ? null : List.copyOf(voiceFor);
  }

  public SessionOptions(Duration timeout, String trackName, boolean autoSubscribe) {
    this(timeout, trackName, autoSubscribe, null);
  }

  boolean publishesAudio() {
    return trackName != null;
  }
}

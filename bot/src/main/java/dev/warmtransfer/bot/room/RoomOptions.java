package dev.warmtransfer.bot.room;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to join and how hard to try to stay: plain values with defaults. A participant that only
 * listens (a recorder, a transcriber) sets {@code publishAudio} false and costs no audio encoder;
 * one that only speaks sets {@code autoSubscribe} false and costs no decoders. {@code voiceFor}
 * names the only identities allowed to subscribe to our voice (null: everyone).
 */
public record RoomOptions(Duration connectTimeout, int reconnectAttempts, Duration reconnectBackoff, String trackName,
    boolean publishAudio, boolean autoSubscribe, List<String> voiceFor) {
  public static RoomOptions defaults() {
    return new RoomOptions(Duration.ofSeconds(10), 8, Duration.ofMillis(500), "bot-voice");
  }

  public RoomOptions(Duration connectTimeout, int reconnectAttempts, Duration reconnectBackoff, String trackName) {
    this(connectTimeout, reconnectAttempts, reconnectBackoff, trackName, true, true, null);
  }

  public RoomOptions(Duration connectTimeout, int reconnectAttempts, Duration reconnectBackoff, String trackName,
      boolean publishAudio, boolean autoSubscribe) {
    this(connectTimeout, reconnectAttempts, reconnectBackoff, trackName, publishAudio, autoSubscribe, null);
  }

  public RoomOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(reconnectBackoff, "reconnectBackoff");
    Objects.requireNonNull(trackName, "trackName");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout <= 0");
    }
    if (reconnectAttempts < 0) {
      throw new IllegalArgumentException("reconnectAttempts < 0");
    }
    voiceFor = voiceFor == null ? null : List.copyOf(voiceFor);
  }

  public RoomOptions withPublishAudio(boolean publish) {
    return new RoomOptions(connectTimeout, reconnectAttempts, reconnectBackoff, trackName, publish, autoSubscribe,
        voiceFor);
  }

  public RoomOptions withAutoSubscribe(boolean subscribe) {
    return new RoomOptions(connectTimeout, reconnectAttempts, reconnectBackoff, trackName, publishAudio, subscribe,
        voiceFor);
  }

  /**
   * Only these identities may subscribe to our voice (LiveKit's subscription permissions), from
   * before the track exists: the first of them to subscribe is the first subscriber, whose
   * {@code track_subscribed} says they can hear us. {@link Room#voiceForEveryone()} opens it later.
   */
  public RoomOptions withVoiceOnlyFor(String... identities) {
    return new RoomOptions(connectTimeout, reconnectAttempts, reconnectBackoff, trackName, publishAudio, autoSubscribe,
        List.of(identities));
  }
}

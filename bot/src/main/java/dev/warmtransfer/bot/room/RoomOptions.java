package dev.warmtransfer.bot.room;

import java.time.Duration;
import java.util.Objects;

/**
 * How to join and how hard to try to stay: plain values with defaults. A participant that only
 * listens (a recorder, a transcriber) sets {@code publishAudio} false and costs no audio encoder;
 * one that only speaks sets {@code autoSubscribe} false and costs no decoders.
 */
public record RoomOptions(Duration connectTimeout, int reconnectAttempts, Duration reconnectBackoff, String trackName,
    boolean publishAudio, boolean autoSubscribe) {
  public static RoomOptions defaults() {
    return new RoomOptions(Duration.ofSeconds(10), 8, Duration.ofMillis(500), "bot-voice");
  }

  public RoomOptions(Duration connectTimeout, int reconnectAttempts, Duration reconnectBackoff, String trackName) {
    this(connectTimeout, reconnectAttempts, reconnectBackoff, trackName, true, true);
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
  }

  public RoomOptions withPublishAudio(boolean publish) {
    return new RoomOptions(connectTimeout, reconnectAttempts, reconnectBackoff, trackName, publish, autoSubscribe);
  }

  public RoomOptions withAutoSubscribe(boolean subscribe) {
    return new RoomOptions(connectTimeout, reconnectAttempts, reconnectBackoff, trackName, publishAudio, subscribe);
  }
}

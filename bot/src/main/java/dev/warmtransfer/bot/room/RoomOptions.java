package dev.warmtransfer.bot.room;

import java.time.Duration;

/** How to join and how hard to try to stay: plain values with defaults. */
public record RoomOptions(Duration connectTimeout, int reconnectAttempts, Duration reconnectBackoff, String trackName) {
  public static RoomOptions defaults() {
    return new RoomOptions(Duration.ofSeconds(10), 8, Duration.ofMillis(500), "bot-voice");
  }

  public RoomOptions {
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout <= 0");
    }
    if (reconnectAttempts < 0) {
      throw new IllegalArgumentException("reconnectAttempts < 0");
    }
  }
}

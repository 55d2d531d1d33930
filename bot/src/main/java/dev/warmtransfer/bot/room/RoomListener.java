package dev.warmtransfer.bot.room;

/** What happens in a room. Methods have no-op defaults; {@link #onAudio} runs on a WebRTC thread and must not block. */
public interface RoomListener {
  default void onParticipantJoined(String identity) {}

  default void onParticipantLeft(String identity) {}

  default void onTrackSubscribed(String identity, String trackSid) {}

  /** 10 ms of a remote participant's audio: 48 kHz mono 16-bit samples, already copied. */
  default void onAudio(String identity, String trackSid, short[] samples) {}

  default void onReconnecting(Exception cause) {}

  default void onReconnected() {}

  /** Gave up: the room is closed. */
  default void onDisconnected(Exception cause) {}
}

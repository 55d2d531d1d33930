package dev.warmtransfer.bot.room;

/** What happens in a room. Methods have no-op defaults; {@link #onAudio} runs on a WebRTC thread and must not block. */
public interface RoomListener {
  default void onParticipantJoined(String identity) {}

  default void onParticipantLeft(String identity) {}

  default void onTrackSubscribed(String identity, String trackSid) {}

  /** A remote track went away (unpublished, or its participant left). */
  default void onTrackUnsubscribed(String identity, String trackSid) {}

  /** Who LiveKit hears speaking changed; {@code level} is 0..1. */
  default void onSpeaking(String identity, boolean speaking, float level) {}

  /** A reliable data packet from another participant. */
  default void onData(String fromIdentity, String topic, byte[] payload) {}

  /** 10 ms of a remote participant's audio: 48 kHz mono 16-bit samples, already copied. */
  default void onAudio(String identity, String trackSid, short[] samples) {}

  default void onReconnecting(Exception cause) {}

  default void onReconnected() {}

  /** Gave up: the room is closed. */
  default void onDisconnected(Exception cause) {}
}

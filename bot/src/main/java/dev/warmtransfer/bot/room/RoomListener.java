package dev.warmtransfer.bot.room;

/**
 * What happens in a room. Methods have no-op defaults. Every method but {@link #onAudio} is called
 * on the room's own event loop, one at a time and in order: a listener may call back into the room
 * (send data, play, close) from there, but a listener that blocks holds up the room's later
 * events. {@link #onAudio} runs on a WebRTC audio thread and must not block.
 */
public interface RoomListener {
  default void onParticipantJoined(String identity) {}

  default void onParticipantLeft(String identity) {}

  /**
   * LiveKit reports the participant ACTIVE: its first media connection is up (for one that
   * subscribes, the tracks it was subscribed to at its join now reach it). Once per participant
   * session, after {@link #onParticipantJoined}; also for one already active when we joined.
   * LiveKit sends this state change at once only for a participant that publishes; for one that
   * does not, it comes with its next batched update (up to 3 s later).
   */
  default void onParticipantActive(String identity) {}

  /** Our own media connection for what we receive is up: after joining, and whenever it is back. */
  default void onMediaConnected() {}

  /** A remote participant's track reached us (we subscribed to it). */
  default void onTrackSubscribed(String identity, String trackSid) {}

  /**
   * Another participant subscribed to our own track {@code trackSid} (LiveKit's
   * {@code track_subscribed}): from now on they receive what we play. Not the same event as
   * {@link #onTrackSubscribed}, which is about tracks we receive.
   */
  default void onLocalTrackSubscribed(String trackSid) {}

  /** A remote track went away (unpublished, or its participant left). */
  default void onTrackUnsubscribed(String identity, String trackSid) {}

  /** Who LiveKit hears speaking changed; {@code level} is 0..1. */
  default void onSpeaking(String identity, boolean speaking, float level) {}

  /** A reliable data packet from another participant. */
  default void onData(String fromIdentity, String topic, byte[] payload) {}

  /**
   * Every data packet received, raw: user data (also given to {@link #onData}), text and byte
   * streams ({@code stream_header}, {@code stream_chunk}, {@code stream_trailer}), transcriptions.
   */
  default void onDataPacket(livekit.LivekitModels.DataPacket packet) {}

  /** 10 ms of a remote participant's audio: 48 kHz mono 16-bit samples, already copied. */
  default void onAudio(String identity, String trackSid, short[] samples) {}

  default void onReconnecting(Exception cause) {}

  default void onReconnected() {}

  /** Gave up: the room is closed. */
  default void onDisconnected(Exception cause) {}
}

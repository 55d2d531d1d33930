package dev.warmtransfer.bot.briefer;

/**
 * When each step towards Agent B's first words happened, as the briefer saw them
 * ({@link System#nanoTime()}, 0 = not seen): so a slow start can be told apart (LiveKit's news, our
 * loops, the pacer) in the log and in the benchmark. Written on the briefer's loop (the first
 * frame excepted: its future completes elsewhere), read from anywhere.
 */
public final class BriefingSteps {
  private volatile long joined;
  private volatile long active;
  private volatile long subscribed;
  private volatile long listenerTrack;
  private volatile long ready;
  private volatile String signal = "";
  private volatile long firstFrameOut;

  /** LiveKit said B joined the room. */
  public long joined() {
    return joined;
  }

  /** LiveKit said B is ACTIVE (B's media connection is up). */
  public long active() {
    return active;
  }

  /** LiveKit's track_subscribed for our voice while B was here. */
  public long subscribed() {
    return subscribed;
  }

  /** B's own microphone reached us. */
  public long listenerTrack() {
    return listenerTrack;
  }

  /** The moment the briefer decided B can hear it, and on which signal. */
  public long ready() {
    return ready;
  }

  public String signal() {
    return signal;
  }

  /** The briefing's first 10 ms went to WebRTC. */
  public long firstFrameOut() {
    return firstFrameOut;
  }

  void joined(long at) {
    if (joined == 0) {
      joined = at;
    }
  }

  void active(long at) {
    if (active == 0) {
      active = at;
    }
  }

  void subscribed(long at) {
    if (subscribed == 0) {
      subscribed = at;
    }
  }

  void listenerTrack(long at) {
    if (listenerTrack == 0) {
      listenerTrack = at;
    }
  }

  void ready(long at, String why) {
    ready = at;
    signal = why;
  }

  void firstFrameOut(long at) {
    firstFrameOut = at;
  }

  /** Milliseconds from B's join to the first frame out; -1 for a step not seen. */
  long firstAudioMs() {
    return ready == 0 || firstFrameOut == 0 ? -1 : (firstFrameOut - ready) / 1_000_000;
  }

  /** The steps as log fields, in milliseconds after B's join was seen. */
  String logFields() {
    return "signal=" + signal + " joined_to_active_ms=" + since(active) + " joined_to_subscribed_ms=" + since(subscribed)
        + " joined_to_listener_track_ms=" + since(listenerTrack) + " joined_to_ready_ms=" + since(ready)
        + " joined_to_first_frame_ms=" + since(firstFrameOut);
  }

  private long since(long at) {
    return joined == 0 || at == 0 ? -1 : (at - joined) / 1_000_000;
  }
}

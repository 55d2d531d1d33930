package dev.warmtransfer.bot.rtc;

import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.warmtransfer.speech.audio.Pcm;
import java.util.function.Supplier;

/** Remote audio from WebRTC's sink, as 48 kHz mono 10 ms frames. */
final class RemoteAudio {
  /** Receives frames on WebRTC's audio thread: the copy is done, it must not block. */
  interface Sink {
    void onAudio(String trackSid, short[] samples48k);
  }

  private RemoteAudio() {}

  /**
   * Frames are handed on as the track {@code carrying} names at that moment; none while it names
   * none. Returns what stops them: webrtc-java holds the sink it was given by a JNI global
   * reference until the sink is removed, and with it whatever the sink reaches (the session, the
   * room, the job), so a session must detach its sinks when it ends.
   */
  static Runnable listen(AudioTrack track, Supplier<String> carrying, Sink sink) {
    Forwarder forwarder = new Forwarder(carrying, sink);
    AudioTrackSink registered = forwarder::onData;
    track.addSink(registered);
    return () -> {
      forwarder.release(); // should the removal fail, what WebRTC still holds reaches nothing
      try {
        track.removeSink(registered);
      } catch (RuntimeException gone) {
        // the track went with its connection
      }
    };
  }

  /** What WebRTC holds: the way to our sink, cut on release. */
  private static final class Forwarder {
    private volatile Supplier<String> carrying;
    private volatile Sink sink;

    Forwarder(Supplier<String> carrying, Sink sink) {
      this.carrying = carrying;
      this.sink = sink;
    }

    void onData(byte[] data, int bits, int rate, int channels, int frames) {
      Supplier<String> c = carrying;
      Sink s = sink;
      String trackSid = c == null ? null : c.get();
      if (s != null && trackSid != null) {
        s.onAudio(trackSid, mono48k(data, rate, channels, frames));
      }
    }

    void release() {
      carrying = null;
      sink = null;
    }
  }

  static short[] mono48k(byte[] data, int rate, int channels, int frames) {
    short[] out = new short[frames];
    for (int i = 0; i < frames; i++) {
      int sum = 0;
      for (int c = 0; c < channels; c++) {
        int o = (i * channels + c) * 2;
        sum += (short) ((data[o] & 0xff) | (data[o + 1] << 8));
      }
      out[i] = (short) (sum / channels);
    }
    return rate == 48_000 ? out : Pcm.resample(out, rate, 48_000);
  }
}

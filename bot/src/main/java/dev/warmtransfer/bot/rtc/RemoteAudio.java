package dev.warmtransfer.bot.rtc;

import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.warmtransfer.speech.audio.Pcm;
import java.util.function.Supplier;

/** Remote audio from WebRTC's sink, as 48 kHz mono 10 ms frames. */
final class RemoteAudio {
  /** Receives frames on WebRTC's audio thread: the copy is done, it must not block. */
  interface Sink {
    void onAudio(String trackSid, short[] samples48k);
  }

  private RemoteAudio() {}

  /** Frames are handed on as the track {@code carrying} names at that moment; none while it names none. */
  static void listen(AudioTrack track, Supplier<String> carrying, Sink sink) {
    track.addSink((data, bits, rate, channels, frames) -> {
      String trackSid = carrying.get();
      if (trackSid != null) {
        sink.onAudio(trackSid, mono48k(data, rate, channels, frames));
      }
    });
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

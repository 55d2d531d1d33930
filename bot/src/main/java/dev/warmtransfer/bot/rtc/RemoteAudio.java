package dev.warmtransfer.bot.rtc;

import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.warmtransfer.speech.audio.Pcm;

/** Remote audio from WebRTC's sink, as 48 kHz mono 10 ms frames. */
final class RemoteAudio {
  /** Receives frames on WebRTC's audio thread: the copy is done, it must not block. */
  interface Sink {
    void onAudio(String trackSid, short[] samples48k);
  }

  private RemoteAudio() {}

  /** LiveKit names the receiving track after the remote track's SID. */
  static String listen(AudioTrack track, Sink sink) {
    String trackSid = track.getId();
    track.addSink((data, bits, rate, channels, frames) -> sink.onAudio(trackSid, mono48k(data, rate, channels, frames)));
    return trackSid;
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

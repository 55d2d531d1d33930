package dev.warmtransfer.bot.support;

import dev.warmtransfer.speech.audio.Pcm;
import java.util.List;

/** Which received frames carry sound (tones and frequencies: testkit's TestAudio; levels: Pcm). */
public final class Signals {
  private Signals() {}

  public static boolean audible(short[] frame) {
    return Pcm.rmsDbfs(frame, 0, frame.length) > -45;
  }

  /** Frames from the first audible one on. */
  public static List<short[]> fromFirstAudible(List<short[]> frames) {
    for (int i = 0; i < frames.size(); i++) {
      if (audible(frames.get(i))) {
        return frames.subList(i, frames.size());
      }
    }
    return List.of();
  }
}

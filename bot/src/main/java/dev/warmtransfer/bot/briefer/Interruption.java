package dev.warmtransfer.bot.briefer;

import dev.warmtransfer.speech.audio.Pcm;

/**
 * Tells the listener talking over the briefing from their audio: a run of loud 10 ms frames (a
 * cough or a click is shorter). Their browser cancels our voice's echo, so what is loud is them.
 */
final class Interruption {
  static final double LEVEL_DBFS = -38;
  static final int FRAMES = 5;
  private int loud;

  /** True once the listener has spoken for {@link #FRAMES} frames in a row. */
  boolean hear(short[] frame) {
    loud = Pcm.rmsDbfs(frame, 0, frame.length) > LEVEL_DBFS ? loud + 1 : 0;
    return loud >= FRAMES;
  }
}

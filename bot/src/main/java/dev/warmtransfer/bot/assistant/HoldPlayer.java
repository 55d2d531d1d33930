package dev.warmtransfer.bot.assistant;

import dev.warmtransfer.bot.audio.AudioPacer;
import dev.warmtransfer.speech.audio.PcmAudio;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Loops hold audio into our voice. The clip is fed in short pieces with only two queued ahead, so
 * the loop has no seam and, when hold ends, little is left to clear: {@link #stop} empties the
 * voice's queue at once.
 */
final class HoldPlayer {
  static final int PIECE_MS = 200;
  private final AudioPacer voice;
  private final List<short[]> pieces = new ArrayList<>();
  private final Executor loop;
  private int generation;
  private boolean playing;
  private int next;

  /** @param loop the job's event loop: every state change happens there */
  HoldPlayer(AudioPacer voice, PcmAudio clip, Executor loop) {
    this.voice = Objects.requireNonNull(voice, "voice");
    this.loop = Objects.requireNonNull(loop, "loop");
    short[] at48 = clip.resampled(AudioPacer.RATE).samples();
    int piece = AudioPacer.RATE * PIECE_MS / 1000;
    for (int i = 0; i < at48.length; i += piece) {
      pieces.add(Arrays.copyOfRange(at48, i, Math.min(at48.length, i + piece)));
    }
    if (pieces.isEmpty()) {
      throw new IllegalArgumentException("clip is empty");
    }
  }

  /** On the loop. */
  void start() {
    if (playing) {
      return;
    }
    playing = true;
    int gen = ++generation;
    feed(gen);
    feed(gen);
  }

  /** On the loop: stops at once, dropping whatever hold audio is queued. */
  void stop() {
    if (!playing) {
      return;
    }
    playing = false;
    generation++;
    voice.clear();
  }

  boolean playing() {
    return playing;
  }

  private void feed(int gen) {
    if (!playing || gen != generation) {
      return;
    }
    short[] piece = pieces.get(next);
    next = (next + 1) % pieces.size();
    voice.enqueue(piece, AudioPacer.RATE).whenComplete((v, e) -> loop.execute(() -> feed(gen)));
  }
}

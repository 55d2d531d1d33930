package dev.warmtransfer.bot.assistant;

import dev.warmtransfer.bot.audio.AudioPacer;
import dev.warmtransfer.speech.audio.PcmAudio;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;

/**
 * Loops hold audio into our voice. The clip is fed in short pieces, a second's worth queued ahead
 * so that a busy machine refilling late never leaves a gap; {@link #stop} empties the voice's queue
 * at once, so the lead costs nothing when hold ends.
 */
final class HoldPlayer {
  static final int PIECE_MS = 200;
  static final int AHEAD = 5;
  private final AudioPacer voice;
  // Keyed by the clip itself (a record of an array: identity), dropped with it.
  private static final Map<PcmAudio, List<short[]>> PIECES = new WeakHashMap<>();
  private final List<short[]> pieces;
  private final Executor loop;
  private int generation;
  private boolean playing;
  private int next;

  /** @param loop the job's event loop: every state change happens there */
  HoldPlayer(AudioPacer voice, PcmAudio clip, Executor loop) {
    this.voice = Objects.requireNonNull(voice, "voice");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.pieces = piecesOf(clip);
  }

  /**
   * The clip's 48 kHz pieces, made once per clip: every call assistant of a worker loops the same
   * one, and a copy each (768 kB for the default piece) was 38 MB of heap at fifty calls.
   */
  static List<short[]> piecesOf(PcmAudio clip) {
    synchronized (PIECES) {
      return PIECES.computeIfAbsent(clip, c -> {
        short[] at48 = c.resampled(AudioPacer.RATE).samples();
        int piece = AudioPacer.RATE * PIECE_MS / 1000;
        List<short[]> out = new ArrayList<>();
        for (int i = 0; i < at48.length; i += piece) {
          out.add(Arrays.copyOfRange(at48, i, Math.min(at48.length, i + piece)));
        }
        if (out.isEmpty()) {
          throw new IllegalArgumentException("clip is empty");
        }
        return List.copyOf(out);
      });
    }
  }

  /** On the loop. */
  void start() {
    if (playing) {
      return;
    }
    playing = true;
    int gen = ++generation;
    for (int i = 0; i < AHEAD; i++) {
      feed(gen);
    }
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

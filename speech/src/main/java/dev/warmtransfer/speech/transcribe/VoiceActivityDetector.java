package dev.warmtransfer.speech.transcribe;

import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.speech.audio.PcmAudio;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Energy-based voice activity for one speaker: an utterance starts at the first 10 ms frame
 * above the threshold, ends after {@code silenceMs} below it, and is cut at {@code maxMs}
 * (Whisper's sweet spot is under 30 s). A little audio before the start is kept so the first
 * consonant is not clipped.
 */
public final class VoiceActivityDetector {
  /** A finished utterance; times are ms from the speaker's first frame plus the base time. */
  public record Utterance(long startMs, long endMs, PcmAudio audio) {}

  public static final double DEFAULT_THRESHOLD_DBFS = -42;
  public static final int DEFAULT_SILENCE_MS = 600;
  public static final int DEFAULT_MAX_MS = 30_000;
  private static final int PREROLL_FRAMES = 20;

  private final int sampleRate;
  private final int frame;
  private final double thresholdDbfs;
  private final int silenceFrames;
  private final int maxFrames;
  private final Consumer<Utterance> out;

  private static final short[] NONE = new short[0];
  private short[] carry = NONE;
  private final short[] preroll;
  private int prerollLen;
  private short[] speech = new short[0];
  private int speechLen;
  private boolean speaking;
  private int quietFrames;
  private long framesSeen;
  private long startFrame;
  private long baseMs = -1;

  public VoiceActivityDetector(int sampleRate, Consumer<Utterance> out) {
    this(sampleRate, DEFAULT_THRESHOLD_DBFS, DEFAULT_SILENCE_MS, DEFAULT_MAX_MS, out);
  }

  public VoiceActivityDetector(int sampleRate, double thresholdDbfs, int silenceMs, int maxMs, Consumer<Utterance> out) {
    if (sampleRate <= 0 || sampleRate % 100 != 0) {
      throw new IllegalArgumentException("sampleRate must be a positive multiple of 100: " + sampleRate);
    }
    if (silenceMs < 10) {
      throw new IllegalArgumentException("silenceMs < 10");
    }
    if (maxMs < silenceMs) {
      throw new IllegalArgumentException("maxMs < silenceMs");
    }
    this.sampleRate = sampleRate;
    this.frame = sampleRate / 100;
    this.thresholdDbfs = thresholdDbfs;
    this.silenceFrames = silenceMs / 10;
    this.maxFrames = maxMs / 10;
    this.out = out;
    this.preroll = new short[PREROLL_FRAMES * frame];
  }

  /** Feeds samples of any length; {@code timestampMs} anchors the first call's samples in call time. */
  public void accept(short[] samples, long timestampMs) {
    if (baseMs < 0) {
      baseMs = timestampMs;
    }
    short[] all = carry.length == 0 ? samples : concat(carry, samples);
    int i = 0;
    for (; i + frame <= all.length; i += frame) {
      onFrame(all, i);
    }
    carry = i == all.length ? NONE : Arrays.copyOfRange(all, i, all.length);
  }

  /** Samples of the utterance in progress (its pre-roll included), 0 between utterances. */
  public int utteranceSamples() {
    return speaking ? speechLen : 0;
  }

  /**
   * A copy of the utterance in progress so far, pre-roll included (empty between utterances): what
   * an interim transcription needs, without the caller keeping a second buffer of the same audio.
   */
  public short[] utteranceSoFar() {
    return speaking ? Arrays.copyOf(speech, speechLen) : NONE.clone();
  }

  /** Ends any utterance in progress (the speaker left, or the call is being summarized). */
  public void flush() {
    if (speaking) {
      emit();
    }
  }

  private void onFrame(short[] all, int from) {
    boolean loud = Pcm.rmsDbfs(all, from, from + frame) > thresholdDbfs;
    if (!speaking) {
      if (loud) {
        speaking = true;
        quietFrames = 0;
        startFrame = framesSeen - prerollLen / frame;
        speechLen = 0;
        append(preroll, 0, prerollLen);
        append(all, from, frame);
      } else {
        pushPreroll(all, from);
      }
    } else {
      append(all, from, frame);
      quietFrames = loud ? 0 : quietFrames + 1;
      if (quietFrames >= silenceFrames || speechLen / frame >= maxFrames) {
        emit();
      }
    }
    framesSeen++;
  }

  private void emit() {
    // Trailing silence is not part of what was said.
    int keep = speechLen - Math.max(0, quietFrames - 2) * frame;
    long start = baseMs + startFrame * 10;
    long end = start + keep * 1000L / sampleRate;
    out.accept(new Utterance(start, end, new PcmAudio(Arrays.copyOf(speech, keep), sampleRate)));
    speaking = false;
    speechLen = 0;
    prerollLen = 0;
    quietFrames = 0;
  }

  private void pushPreroll(short[] all, int from) {
    if (prerollLen == preroll.length) {
      System.arraycopy(preroll, frame, preroll, 0, preroll.length - frame);
      prerollLen -= frame;
    }
    System.arraycopy(all, from, preroll, prerollLen, frame);
    prerollLen += frame;
  }

  private void append(short[] src, int from, int len) {
    if (speechLen + len > speech.length) {
      speech = Arrays.copyOf(speech, Math.max(speech.length * 2, speechLen + len));
    }
    System.arraycopy(src, from, speech, speechLen, len);
    speechLen += len;
  }

  private static short[] concat(short[] a, short[] b) {
    short[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}

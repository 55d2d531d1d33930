package dev.warmtransfer.bot.assistant;

import dev.warmtransfer.bot.audio.AudioPacer;
import dev.warmtransfer.bot.captions.TranscriptionStream;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.transcribe.VoiceActivityDetector;
import java.util.Objects;

/**
 * One speaker's audio on its way to captions: voice activity cuts it into utterances, each one a
 * caption segment. While an utterance goes on, what was said so far is handed out now and then
 * for an interim caption; when it ends, the whole utterance goes out for the final one. Runs on
 * the job's event loop only (not thread-safe, no I/O).
 */
final class SpeakerPipeline {
  /** What the pipeline wants recognized: an interim or the final text of one segment. */
  record Request(String speaker, String segmentId, long startMs, long endMs, PcmAudio audio, boolean isFinal) {}

  interface Sink {
    void recognize(Request request);
  }

  static final int FIRST_INTERIM_MS = 1_500;
  static final int INTERIM_EVERY_MS = 2_000;

  private final String speaker;
  private final Sink sink;
  private final VoiceActivityDetector vad;
  private boolean inUtterance;
  private String segmentId;
  private long utteranceStartMs;
  private int nextInterimAt;

  SpeakerPipeline(String speaker, Sink sink) {
    this.speaker = Objects.requireNonNull(speaker, "speaker");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.vad = new VoiceActivityDetector(AudioPacer.RATE, this::onUtterance);
  }

  /** 10 ms (or any length) of 48 kHz audio heard at {@code callMs}. */
  void accept(short[] samples, long callMs) {
    if (!inUtterance && Pcm.rmsDbfs(samples, 0, samples.length) > VoiceActivityDetector.DEFAULT_THRESHOLD_DBFS) {
      inUtterance = true;
      segmentId = TranscriptionStream.newSegmentId();
      utteranceStartMs = callMs;
      nextInterimAt = AudioPacer.RATE * FIRST_INTERIM_MS / 1000;
    }
    vad.accept(samples, callMs);
    // The utterance so far is the detector's own buffer: keeping a second copy here doubled every
    // speaker's heap (two per call, a hundred at fifty calls).
    if (inUtterance && vad.utteranceSamples() >= nextInterimAt) {
      nextInterimAt += AudioPacer.RATE * INTERIM_EVERY_MS / 1000;
      sink.recognize(new Request(speaker, segmentId, utteranceStartMs, callMs,
          new PcmAudio(vad.utteranceSoFar(), AudioPacer.RATE), false));
    }
  }

  /** The speaker left or the job ends: the utterance in progress is final now. */
  void flush() {
    vad.flush();
  }

  private void onUtterance(VoiceActivityDetector.Utterance u) {
    String id = segmentId != null ? segmentId : TranscriptionStream.newSegmentId();
    inUtterance = false;
    segmentId = null;
    sink.recognize(new Request(speaker, id, u.startMs(), u.endMs(), u.audio(), true));
  }
}

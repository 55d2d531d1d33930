package dev.warmtransfer.speech.transcribe;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the call's audio, one stream per speaker (48 kHz PCM from the bot's remote tracks),
 * into a transcript where every utterance names who said it. Recognition runs on one worker
 * thread so a long utterance never holds up the audio path.
 */
public final class CallTranscriber implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CallTranscriber.class);
  private final Transcriber transcriber;
  private final List<String> hints;
  private final int sampleRate;
  private final Transcript transcript = new Transcript();
  private final Map<String, VoiceActivityDetector> speakers = new ConcurrentHashMap<>();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "call-transcriber");
        t.setDaemon(true);
        return t;
      });

  public CallTranscriber(Transcriber transcriber, List<String> hints, int sampleRate) {
    this.transcriber = Objects.requireNonNull(transcriber, "transcriber");
    this.hints = List.copyOf(hints);
    this.sampleRate = sampleRate;
  }

  /** Audio from one speaker; {@code timestampMs} is call time of the first sample. */
  public void accept(String speaker, short[] samples, long timestampMs) {
    Objects.requireNonNull(speaker, "speaker");
    speakers
        .computeIfAbsent(speaker, s -> new VoiceActivityDetector(sampleRate, u -> submit(s, u)))
        .accept(samples, timestampMs);
  }

  /** Ends every open utterance and waits until all are transcribed. */
  public Transcript finish(long timeout, TimeUnit unit) throws InterruptedException {
    speakers.values().forEach(VoiceActivityDetector::flush);
    worker.shutdown();
    if (!worker.awaitTermination(timeout, unit)) {
      LOG.warn("event=transcription_incomplete pending_after_ms={}", unit.toMillis(timeout));
    }
    return transcript;
  }

  public Transcript transcript() {
    return transcript;
  }

  private void submit(String speaker, VoiceActivityDetector.Utterance u) {
    worker.execute(() -> {
      Transcription t = transcriber.transcribe(u.audio(), hints);
      transcript.add(new Segment(speaker, u.startMs(), u.endMs(), t.text(), t.provider()));
      LOG.info("event=utterance_transcribed speaker={} start_ms={} end_ms={} provider={} words={}",
          speaker, u.startMs(), u.endMs(), t.provider().wireName(),
          t.text().isBlank() ? 0 : t.text().split("\\s+").length);
    });
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}

package dev.warmtransfer.bot.jobs;

import dev.warmtransfer.bot.assistant.HoldAudio;
import dev.warmtransfer.speech.Speech;
import dev.warmtransfer.speech.SpeechConfig;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.summary.LocalSummarizer;
import dev.warmtransfer.speech.summary.Summarizer;
import dev.warmtransfer.speech.transcribe.CallVocabulary;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every job of one worker process shares: the speech engines, the hold audio, the
 * transcription vocabulary and the threads slow work runs on (recognition, synthesis, summaries),
 * so fifty calls do not start fifty of each.
 *
 * @param remoteSummarizer OpenAI's summarizer (with the local one as its fallback) when a key is
 *     set; asked at most every {@code remoteSummaryInterval} per call
 * @param hints words the local recognizer's grammar is limited to: a call-centre vocabulary,
 *     never the sentences expected
 */
public record JobResources(Speech speech, Summarizer localSummarizer, Optional<Summarizer> remoteSummarizer,
    Duration remoteSummaryInterval, PcmAudio holdAudio, List<String> hints, ExecutorService recognition,
    ExecutorService synthesis, ExecutorService summaries) {

  public JobResources {
    Objects.requireNonNull(speech, "speech");
    Objects.requireNonNull(localSummarizer, "localSummarizer");
    Objects.requireNonNull(remoteSummarizer, "remoteSummarizer");
    Objects.requireNonNull(remoteSummaryInterval, "remoteSummaryInterval");
    Objects.requireNonNull(holdAudio, "holdAudio");
    hints = List.copyOf(hints);
    Objects.requireNonNull(recognition, "recognition");
    Objects.requireNonNull(synthesis, "synthesis");
    Objects.requireNonNull(summaries, "summaries");
  }

  /** From the environment: speech as the service configures it, WT_HOLD_AUDIO, WT_BRIEFING_OPENAI_INTERVAL (default 20s). */
  public static JobResources fromEnv() {
    String interval = System.getenv().getOrDefault("WT_BRIEFING_OPENAI_INTERVAL", "20s");
    return create(SpeechEnv.fromEnv(), HoldAudio.fromEnv(), SpeechEnv.duration(interval, "WT_BRIEFING_OPENAI_INTERVAL"));
  }

  public static JobResources create(SpeechConfig config, PcmAudio holdAudio, Duration remoteSummaryInterval) {
    Speech speech = Speech.create(config);
    int cores = Runtime.getRuntime().availableProcessors();
    // Local recognition is CPU-bound (one pocketsphinx per core); Whisper waits on the network.
    int recognizers = config.hasApiKey() ? 16 : Math.max(1, cores);
    return new JobResources(speech, new LocalSummarizer(),
        config.hasApiKey() ? Optional.of(speech.summarizer()) : Optional.empty(), remoteSummaryInterval, holdAudio,
        vocabulary(), Executors.newFixedThreadPool(recognizers, named("recognition")),
        Executors.newFixedThreadPool(Math.max(2, cores), named("synthesis")),
        Executors.newFixedThreadPool(Math.max(1, cores / 2), named("summaries")));
  }

  /** The shipped call-centre vocabulary (kept in the speech module, beside the recognizer). */
  public static List<String> vocabulary() {
    return CallVocabulary.words();
  }

  private static ThreadFactory named(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}

package dev.warmtransfer.speech.bench;

import dev.warmtransfer.testkit.TestAudio;
import dev.warmtransfer.speech.Speech;
import dev.warmtransfer.speech.SpeechConfig;
import dev.warmtransfer.speech.audio.AudioSink;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.audio.PcmFramer;
import dev.warmtransfer.speech.summary.TestCalls;
import dev.warmtransfer.speech.support.OpenAiServer;
import dev.warmtransfer.speech.support.Tones;
import dev.warmtransfer.speech.tts.Synthesizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * Speech benchmarks: local engines and a local OpenAI-compatible mock (so only our own overhead
 * is measured there). Prints one table. Run by {@code ./warm-transfer bench}.
 */
public final class SpeechBench {
  static final String SEED =
      "Customer called about billing issue. Account number 12345. Charge of $99.99 appears incorrect. "
          + "Customer has been loyal for 3 years. Needs immediate resolution.";
  static final String BRIEFING_50_WORDS =
      "Transfer briefing for Bob. The caller, Dana Smith, disputes a charge of ninety nine dollars on account "
          + "one two three four five. She has been a customer for three years and wants it fixed today. Agent Alice "
          + "already checked the invoice. Please review the charge and offer a credit if it is wrong.";
  static final String SPOKEN_JSON =
      "{\"spoken\": \"Caller disputes a 99 dollar charge. Account 1 2 3 4 5.\", \"summary\": \"s\", \"reason\": \"r\","
          + " \"customerIds\": [], \"accountNumbers\": [\"12345\"], \"amounts\": [\"$99.99\"], \"dates\": [],"
          + " \"tried\": [], \"promised\": [], \"sentiment\": \"urgent\", \"nextStep\": \"Review it\"}";

  private final List<String[]> rows = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    new SpeechBench().run();
  }

  void run() throws Exception {
    Speech local = Speech.create(SpeechConfig.local());
    row("summary, seed example", "local", millis(stats(200, 1000, () -> time(() -> local.summarizer().summarize(SEED, "")))), "<= 20 ms");
    int[] kept = TestCalls.kept(local.summarizer());
    row("facts kept, " + TestCalls.ALL.size() + " test calls", "local",
        String.format("summary %d/%d, spoken %d/%d", kept[0], kept[2], kept[1], kept[2]), "all, both");
    row("first 10 ms of audio, 50-word briefing", "local", millis(stats(2, 10, () -> firstFrame(local.synthesizer()))), "<= 150 ms");
    PcmAudio thirty = thirtySeconds();
    double rtf = (double) time(() -> local.transcriber().transcribe(thirty, hints())) / 1e6 / thirty.durationMs();
    row("transcription real-time factor, 30 s", "local", String.format("%.3f", rtf), "<= 0.5");

    try (OpenAiServer mock = new OpenAiServer()) {
      Speech remote = Speech.create(mock.config().retries(0).build());
      long[] summary = stats(20, 100, () -> {
        mock.enqueueChatStream(SPOKEN_JSON.split("(?<=\\G.{16})"));
        return time(() -> remote.summarizer().summarize(SEED, ""));
      });
      row("summary, seed example", "mock OpenAI", millis(summary), "");
      byte[] pcm = Pcm.toBytes(TestAudio.tone(300, 3000, 24_000, 0.3));
      // Every sentence of the briefing is its own speech request; answer each at once.
      mock.server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          return new MockResponse.Builder().code(200).body(new Buffer().write(pcm)).build();
        }
      });
      long[] first = stats(20, 100, () -> firstFrame(remote.synthesizer()));
      row("first 10 ms of audio (our overhead)", "mock OpenAI", millis(first), "<= 50 ms");
      mock.server.setDispatcher(new mockwebserver3.QueueDispatcher());
      long[] stt = stats(3, 10, () -> {
        mock.enqueueJson(200, "{\"text\":\"account one two three four five\"}");
        return time(() -> remote.transcriber().transcribe(thirty, hints()));
      });
      row("transcription real-time factor, 30 s", "mock OpenAI",
          String.format("%.4f", stt[0] / 1e6 / thirty.durationMs()), "");
    }
    print();
  }

  private static List<String> hints() {
    return List.of("customer account one two three four five", "is disputing a charge of ninety nine dollars");
  }

  private static PcmAudio thirtySeconds() {
    PcmAudio s = Tones.speak("customer account one two three four five is disputing a charge of ninety nine dollars");
    List<short[]> parts = new ArrayList<>();
    long total = 0;
    while (total < 30L * s.sampleRate()) {
      parts.add(s.samples());
      parts.add(Tones.silence(300, s.sampleRate()));
      total += s.samples().length + s.sampleRate() * 3L / 10;
    }
    short[] all = Arrays.copyOf(TestAudio.concat(parts.toArray(short[][]::new)), 30 * s.sampleRate());
    return new PcmAudio(all, s.sampleRate());
  }

  /** Nanoseconds from asking for the briefing to the first whole 10 ms frame being ready. */
  private static long firstFrame(Synthesizer synthesizer) {
    long start = System.nanoTime();
    long[] first = {0};
    PcmFramer framer = new PcmFramer(f -> {
      if (first[0] == 0) {
        first[0] = System.nanoTime();
      }
    });
    synthesizer.speak(BRIEFING_50_WORDS, new AudioSink() {
      @Override
      public void write(byte[] pcm, int rate) {
        framer.write(pcm, rate);
      }

      @Override
      public void end() {
        framer.end();
      }
    });
    return first[0] - start;
  }

  private static long time(Runnable r) {
    long start = System.nanoTime();
    r.run();
    return System.nanoTime() - start;
  }

  /** p50 and p95 in nanoseconds after warm-up runs. */
  private static long[] stats(int warmup, int runs, LongSupplier sample) {
    for (int i = 0; i < warmup; i++) {
      sample.getAsLong();
    }
    long[] v = new long[runs];
    for (int i = 0; i < runs; i++) {
      v[i] = sample.getAsLong();
    }
    Arrays.sort(v);
    return new long[] {v[runs / 2], v[Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)]};
  }

  private static String millis(long[] p) {
    return String.format("p50 %.2f ms, p95 %.2f ms", p[0] / 1e6, p[1] / 1e6);
  }

  private void row(String what, String provider, String value, String target) {
    rows.add(new String[] {what, provider, value, target});
  }

  private void print() {
    System.out.println();
    System.out.println("Speech and language");
    System.out.printf("%-40s %-12s %-30s %s%n", "measure", "provider", "value", "target");
    for (String[] r : rows) {
      System.out.printf("%-40s %-12s %-30s %s%n", (Object[]) r);
    }
  }
}

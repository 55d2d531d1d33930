package dev.warmtransfer.speech.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.speech.Provider;
import dev.warmtransfer.speech.Speech;
import dev.warmtransfer.speech.summary.Briefing;
import dev.warmtransfer.speech.support.OpenAiServer;
import dev.warmtransfer.speech.support.Tones;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.transcribe.Transcription;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OpenAI failing is normal: each fault ends in a valid local answer, within the configured
 * time (timeout 1 s, one retry after 50 ms), and the caller never sees an exception.
 */
class FaultsTest {
  private static final String SEED = "Customer called about billing issue. Account number 12345. Charge of $99.99 appears incorrect.";
  private static final long BUDGET_MS = 2 * 1000 + 50 + 1500; // two attempts, the backoff, and the local engine
  private final OpenAiServer openai;
  private final Speech speech;

  FaultsTest() throws Exception {
    openai = new OpenAiServer();
    speech = Speech.create(openai.config().timeout(java.time.Duration.ofSeconds(1)).build());
  }

  @AfterEach
  void close() {
    openai.close();
  }

  private void enqueueFault(String fault) {
    for (int i = 0; i < 2; i++) {
      switch (fault) {
        case "429" -> openai.enqueueJson(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}");
        case "500" -> openai.enqueueJson(500, "{\"error\":{\"message\":\"server error\",\"type\":\"server_error\"}}");
        case "hang" -> openai.server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        case "malformed" -> openai.enqueueChatStream("{\"spoken\": \"Hello there.\", \"summary\": ");
        default -> throw new IllegalArgumentException(fault);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"429", "500", "hang", "malformed"})
  void summaryFallsBackToTheLocalSummarizer(String fault) {
    enqueueFault(fault);
    long start = System.nanoTime();
    Briefing b = speech.summarizer().summarize(SEED, "");
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(b.provider()).isEqualTo(Provider.LOCAL);
    assertThat(b.accountNumbers()).contains("12345");
    assertThat(ms).isLessThan(BUDGET_MS);
    int expectedRequests = fault.equals("malformed") ? 1 : 2; // unusable JSON is not retried
    assertThat(openai.server.getRequestCount()).isEqualTo(expectedRequests);
  }

  @ParameterizedTest
  @ValueSource(strings = {"429", "500", "hang"})
  void speechFallsBackToEspeak(String fault) {
    enqueueFault(fault);
    long[] bytes = {0};
    long start = System.nanoTime();
    List<Provider> providers = speech.synthesizer().speak("Hello Bob.", (pcm, rate) -> bytes[0] += pcm.length);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(providers).containsExactly(Provider.LOCAL);
    assertThat(bytes[0]).isGreaterThan(22_050 / 2); // at least half a second of espeak audio
    assertThat(ms).isLessThan(BUDGET_MS);
  }

  @Test
  void transcriptionFallsBackToPocketsphinx() {
    enqueueFault("500");
    PcmAudio speech16 = Tones.speak("account one two three");
    Transcription t = speech.transcriber().transcribe(speech16, List.of("account one two three"));
    assertThat(t.provider()).isEqualTo(Provider.LOCAL);
    assertThat(t.text()).contains("account one two three");
  }

  @Test
  void aRejectedKeyIsReportedOnceAndNotTriedAgain() {
    openai.enqueueJson(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}");
    speech.verifyKey();
    assertThat(openai.server.getRequestCount()).isEqualTo(1);

    Briefing b = speech.summarizer().summarize(SEED, "");
    assertThat(b.provider()).isEqualTo(Provider.LOCAL);
    assertThat(speech.synthesizer().speak("Hi.", (pcm, rate) -> {})).containsExactly(Provider.LOCAL);
    assertThat(openai.server.getRequestCount()).isEqualTo(1);
  }
}

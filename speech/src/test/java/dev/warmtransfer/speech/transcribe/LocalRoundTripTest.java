package dev.warmtransfer.speech.transcribe;

import dev.warmtransfer.testkit.TestAudio;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.speech.Provider;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.summary.Briefing;
import dev.warmtransfer.speech.summary.LocalSummarizer;
import dev.warmtransfer.speech.support.Tones;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** espeak-ng speaks, pocketsphinx hears, the local summarizer briefs: no network, no key. */
class LocalRoundTripTest {
  static final String SENTENCE = "customer account one two three four five is disputing a charge of ninety nine dollars";
  static final List<String> HINTS =
      List.of("customer account one two three four five", "is disputing a charge of ninety nine dollars");

  @Test
  void spokenAccountNumberSurvivesTheLocalPipeline() {
    PcmAudio speech = Tones.speak(SENTENCE);
    Transcription heard = new PocketsphinxTranscriber().transcribe(speech, HINTS);
    assertThat(heard.provider()).isEqualTo(Provider.LOCAL);
    assertThat(heard.text()).contains("account one two three four five");

    Briefing b = new LocalSummarizer().summarize("caller-123: " + heard.text(), "");
    assertThat(b.accountNumbers()).contains("12345");
    assertThat(b.spoken()).contains("1 2 3 4 5");
  }

  @Test
  void callTranscriberLabelsEachUtteranceWithItsSpeaker() throws Exception {
    // The call arrives like the bot's remote tracks deliver it: 48 kHz, per speaker, in 10 ms frames.
    short[] caller = Tones.speak(SENTENCE).resampled(48_000).samples();
    short[] agent = Tones.speak("thank you").resampled(48_000).samples();
    try (CallTranscriber calls = new CallTranscriber(new PocketsphinxTranscriber(),
        List.of(HINTS.get(0), HINTS.get(1), "thank you"), 48_000)) {
      feed(calls, "agent-alice", TestAudio.concat(agent, Tones.silence(1000, 48_000)), 0);
      feed(calls, "caller-123", TestAudio.concat(caller, Tones.silence(1000, 48_000)), 2_000);
      Transcript t = calls.finish(60, TimeUnit.SECONDS);
      assertThat(t.segments()).hasSize(2);
      assertThat(t.segments().get(0).speaker()).isEqualTo("agent-alice");
      assertThat(t.segments().get(0).text()).contains("thank you");
      assertThat(t.segments().get(1).speaker()).isEqualTo("caller-123");
      assertThat(t.segments().get(1).text()).contains("account one two three four five");
      assertThat(t.segments().get(1).startMs()).isGreaterThanOrEqualTo(1_700);
      assertThat(t.text()).startsWith("agent-alice: ");
    }
  }

  private static void feed(CallTranscriber calls, String speaker, short[] pcm, long startMs) {
    for (int i = 0; i < pcm.length; i += 480) {
      calls.accept(speaker, java.util.Arrays.copyOfRange(pcm, i, Math.min(pcm.length, i + 480)), startMs + i / 48);
    }
  }
}

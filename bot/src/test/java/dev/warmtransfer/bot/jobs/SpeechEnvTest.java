package dev.warmtransfer.bot.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warmtransfer.speech.SpeechConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpeechEnvTest {
  @Test
  void noKeyMeansLocalEngines() {
    SpeechConfig c = SpeechEnv.from(Map.of());
    assertThat(c.hasApiKey()).isFalse();
    assertThat(c.baseUrl()).isEqualTo(SpeechConfig.DEFAULT_BASE_URL);
  }

  @Test
  void readsTheSameVariablesAsTheService() {
    SpeechConfig c = SpeechEnv.from(Map.of("OPENAI_API_KEY", "sk-x", "OPENAI_BASE_URL", "http://127.0.0.1:9/v1",
        "OPENAI_TRANSCRIPTION_MODEL", "m1", "OPENAI_VOICE", "nova", "OPENAI_TIMEOUT", "1500ms", "OPENAI_RETRIES", "0"));
    assertThat(c.hasApiKey()).isTrue();
    assertThat(c.baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
    assertThat(c.transcriptionModel()).isEqualTo("m1");
    assertThat(c.voice()).isEqualTo("nova");
    assertThat(c.timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.retries()).isZero();
    assertThat(c.toString()).doesNotContain("sk-x");
  }

  @Test
  void aBadValueNamesTheVariable() {
    assertThatThrownBy(() -> SpeechEnv.from(Map.of("OPENAI_TIMEOUT", "soon"))).hasMessageContaining("OPENAI_TIMEOUT");
    assertThatThrownBy(() -> SpeechEnv.from(Map.of("OPENAI_RETRIES", "x"))).hasMessageContaining("OPENAI_RETRIES");
  }
}

package dev.warmtransfer.speech;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach OpenAI (or an OpenAI-compatible server), and how hard to try before the local
 * engines take over. With no API key everything runs locally.
 */
public record SpeechConfig(
    String apiKey,
    String baseUrl,
    String transcriptionModel,
    String chatModel,
    String speechModel,
    String voice,
    Duration timeout,
    int retries,
    Duration backoff) {

  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  public SpeechConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(transcriptionModel, "transcriptionModel");
    Objects.requireNonNull(chatModel, "chatModel");
    Objects.requireNonNull(speechModel, "speechModel");
    Objects.requireNonNull(voice, "voice");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(backoff, "backoff");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout <= 0");
    }
    if (retries < 0) {
      throw new IllegalArgumentException("retries < 0");
    }
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
  }

  /** Local engines only. */
  public static SpeechConfig local() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean hasApiKey() {
    return apiKey != null;
  }

  @Override
  public String toString() {
    // Never print the key, not even in a debugger's or a log's view of the config.
    return "SpeechConfig{apiKey=" + (hasApiKey() ? "<set>" : "<none>") + ", baseUrl=" + baseUrl
        + ", transcriptionModel=" + transcriptionModel + ", chatModel=" + chatModel
        + ", speechModel=" + speechModel + ", voice=" + voice + ", timeout=" + timeout
        + ", retries=" + retries + "}";
  }

  public static final class Builder {
    private String apiKey;
    private String baseUrl = DEFAULT_BASE_URL;
    private String transcriptionModel = "whisper-1";
    // The seed used GPT-3.5; its successor at the same price point is the default.
    private String chatModel = "gpt-4o-mini";
    private String speechModel = "tts-1";
    private String voice = "alloy";
    private Duration timeout = Duration.ofSeconds(10);
    private int retries = 2;
    private Duration backoff = Duration.ofMillis(250);

    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl;
      return this;
    }

    public Builder transcriptionModel(String model) {
      this.transcriptionModel = model;
      return this;
    }

    public Builder chatModel(String model) {
      this.chatModel = model;
      return this;
    }

    public Builder speechModel(String model) {
      this.speechModel = model;
      return this;
    }

    public Builder voice(String voice) {
      this.voice = voice;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder retries(int retries) {
      this.retries = retries;
      return this;
    }

    public Builder backoff(Duration backoff) {
      this.backoff = backoff;
      return this;
    }

    public SpeechConfig build() {
      return new SpeechConfig(apiKey, baseUrl, transcriptionModel, chatModel, speechModel, voice, timeout, retries, backoff);
    }
  }
}

package dev.warmtransfer.service.briefing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warmtransfer.speech.SpeechConfig;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** The {@code speech:} section of config.yml: OpenAI when a key is set, local engines otherwise. */
public class SpeechSettings {
  private String apiKey;
  @NotEmpty private String baseUrl = SpeechConfig.DEFAULT_BASE_URL;
  @NotEmpty private String chatModel = "gpt-4o-mini";
  @NotEmpty private String transcriptionModel = "whisper-1";
  @NotEmpty private String speechModel = "tts-1";
  @NotEmpty private String voice = "alloy";
  @NotNull private Duration timeout = Duration.seconds(10);
  @Min(0) @Max(5) private int retries = 2;

  // Write-only: the key must never be serialized back out.
  @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
  public String getApiKey() {
    return apiKey;
  }

  @JsonProperty
  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  @JsonProperty
  public String getBaseUrl() {
    return baseUrl;
  }

  @JsonProperty
  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  @JsonProperty
  public String getChatModel() {
    return chatModel;
  }

  @JsonProperty
  public void setChatModel(String chatModel) {
    this.chatModel = chatModel;
  }

  @JsonProperty
  public String getTranscriptionModel() {
    return transcriptionModel;
  }

  @JsonProperty
  public void setTranscriptionModel(String transcriptionModel) {
    this.transcriptionModel = transcriptionModel;
  }

  @JsonProperty
  public String getSpeechModel() {
    return speechModel;
  }

  @JsonProperty
  public void setSpeechModel(String speechModel) {
    this.speechModel = speechModel;
  }

  @JsonProperty
  public String getVoice() {
    return voice;
  }

  @JsonProperty
  public void setVoice(String voice) {
    this.voice = voice;
  }

  @JsonProperty
  public Duration getTimeout() {
    return timeout;
  }

  @JsonProperty
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  @JsonProperty
  public int getRetries() {
    return retries;
  }

  @JsonProperty
  public void setRetries(int retries) {
    this.retries = retries;
  }

  public SpeechConfig toConfig() {
    return SpeechConfig.builder()
        .apiKey(apiKey)
        .baseUrl(baseUrl)
        .chatModel(chatModel)
        .transcriptionModel(transcriptionModel)
        .speechModel(speechModel)
        .voice(voice)
        .timeout(java.time.Duration.ofMillis(timeout.toMilliseconds()))
        .retries(retries)
        .build();
  }
}

package dev.warmtransfer.service.livekit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Where LiveKit is and the key pair the service signs with. */
public class LiveKitConfig {
  /** The URL participants connect to (ws:// or wss://); the server API is reached on the same host. */
  @NotEmpty
  @Pattern(regexp = "^(ws|wss|http|https)://.+", message = "must start with ws://, wss://, http:// or https://")
  private String url = "ws://127.0.0.1:7880";

  /** The URL handed to browsers, when it differs from {@link #url} (a proxy, a public name). */
  private String publicUrl;

  @NotEmpty private String apiKey = "devkey";

  @NotEmpty private String apiSecret = "secret";

  /** How long a call to LiveKit's API may take before the service answers 503. */
  @NotNull private Duration requestTimeout = Duration.seconds(5);

  @JsonProperty
  public String getUrl() {
    return url;
  }

  @JsonProperty
  public void setUrl(String url) {
    this.url = url;
  }

  @JsonProperty
  public String getPublicUrl() {
    return publicUrl == null || publicUrl.isBlank() ? url : publicUrl;
  }

  @JsonProperty
  public void setPublicUrl(String publicUrl) {
    this.publicUrl = publicUrl;
  }

  @JsonProperty
  public String getApiKey() {
    return apiKey;
  }

  @JsonProperty
  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  // Write-only for Jackson: the secret must never be serialized back out (logs, /health, docs).
  @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
  public String getApiSecret() {
    return apiSecret;
  }

  @JsonProperty
  public void setApiSecret(String apiSecret) {
    this.apiSecret = apiSecret;
  }

  @JsonProperty
  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  @JsonProperty
  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  /** LiveKit's HTTP API lives on the same host and port as its WebSocket. */
  public String httpUrl() {
    return url.replaceFirst("^ws", "http");
  }

  @Override
  public String toString() {
    return "LiveKitConfig{url=" + url + ", apiKey=" + apiKey + ", apiSecret=<redacted>}";
  }
}

package dev.warmtransfer.service.support;

import dev.warmtransfer.service.WarmTransferApplication;
import dev.warmtransfer.service.WarmTransferConfiguration;
import dev.warmtransfer.testkit.LiveKitServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The whole service on a random port, pointed at a real LiveKit server, plus a raw HTTP client. */
public final class ServiceUnderTest implements AutoCloseable {
  private static final MediaType JSON = MediaType.get("application/json");
  public final LiveKitServer livekit;
  public final DropwizardAppExtension<WarmTransferConfiguration> app;
  public final OkHttpClient http =
      new OkHttpClient.Builder().readTimeout(20, TimeUnit.SECONDS).build();

  public ServiceUnderTest(LiveKitServer livekit) throws Exception {
    this(livekit, 0);
  }

  /** On a chosen port, for when LiveKit must know the service's URL (webhooks) before it starts. */
  public ServiceUnderTest(LiveKitServer livekit, int port) throws Exception {
    this(livekit, port, new ConfigOverride[0]);
  }

  /** With settings of its own ({@code ConfigOverride.config("limits.heavyThreads", "1")}). */
  public ServiceUnderTest(LiveKitServer livekit, int port, ConfigOverride... extra) throws Exception {
    this.livekit = livekit;
    java.util.List<ConfigOverride> overrides = new java.util.ArrayList<>(java.util.List.of(
        ConfigOverride.config("livekit.url", livekit.wsUrl()),
        ConfigOverride.config("livekit.apiKey", livekit.apiKey()),
        ConfigOverride.config("livekit.apiSecret", livekit.apiSecret()),
        ConfigOverride.config("livekit.requestTimeout", "2s"),
        ConfigOverride.config("server.applicationConnectors[0].port", String.valueOf(port))));
    overrides.addAll(java.util.List.of(extra));
    this.app =
        new DropwizardAppExtension<>(
            WarmTransferApplication.class,
            ResourceHelpers.resourceFilePath("test-config.yml"),
            overrides.toArray(ConfigOverride[]::new));
    app.before();
  }

  public WarmTransferApplication application() {
    return (WarmTransferApplication) app.getApplication();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + app.getLocalPort() + path;
  }

  public Response post(String path, String body) throws IOException {
    return post(path, body, "application/json");
  }

  public Response post(String path, String body, String contentType) throws IOException {
    RequestBody rb = RequestBody.create(body == null ? new byte[0] : body.getBytes(), MediaType.get(contentType));
    return http.newCall(new Request.Builder().url(url(path)).post(rb).build()).execute();
  }

  public Response get(String path) throws IOException {
    return http.newCall(new Request.Builder().url(url(path)).get().build()).execute();
  }

  @Override
  public void close() {
    app.after();
  }
}

package dev.warmtransfer.service.support;

import dev.warmtransfer.service.WarmTransferApplication;
import dev.warmtransfer.service.WarmTransferConfiguration;
import dev.warmtransfer.testkit.LiveKitServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The whole service on a random port, pointed at a real LiveKit server, plus a raw HTTP client.
 * Requests carry the full-rights dev API key ({@link #API_KEY}) unless made through
 * {@link #anonymous()} or {@link #as(String)}.
 */
public final class ServiceUnderTest implements AutoCloseable {
  /** The dev key the service is configured with in tests (WT_API_KEY). */
  public static final String API_KEY = "wtk_test-dev-key-with-full-rights-0123456789";
  public final LiveKitServer livekit;
  public final DropwizardAppExtension<WarmTransferConfiguration> app;
  public final OkHttpClient http =
      new OkHttpClient.Builder().readTimeout(20, TimeUnit.SECONDS).build();
  private final Client withKey = new Client("Bearer " + API_KEY);

  public ServiceUnderTest(LiveKitServer livekit) throws Exception {
    this(livekit, 0);
  }

  /** On a chosen port, for when LiveKit must know the service's URL (webhooks) before it starts. */
  public ServiceUnderTest(LiveKitServer livekit, int port, ConfigOverride... extra) throws Exception {
    this(livekit, port, null, extra);
  }

  /** On a database of the test's choosing (a restart starts a second service on the first one's). */
  public ServiceUnderTest(LiveKitServer livekit, int port, String databaseUrl, ConfigOverride... extra) throws Exception {
    this.livekit = livekit;
    List<ConfigOverride> overrides = new ArrayList<>(List.of(
        ConfigOverride.config("livekit.url", livekit.wsUrl()),
        ConfigOverride.config("livekit.apiKey", livekit.apiKey()),
        ConfigOverride.config("livekit.apiSecret", livekit.apiSecret()),
        ConfigOverride.config("livekit.requestTimeout", "2s"),
        ConfigOverride.config("auth.apiKey", API_KEY),
        ConfigOverride.config("server.applicationConnectors[0].port", String.valueOf(port))));
    // Each service under test gets its own H2 file under target/, unless the test names one (a
    // restart reuses it). Never two overrides of one key: Dropwizard restores them out of order.
    overrides.add(ConfigOverride.config("database.url",
        databaseUrl != null ? databaseUrl : "jdbc:h2:file:./target/test-db/" + java.util.UUID.randomUUID()));
    overrides.addAll(List.of(extra));
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

  /** Requests with no credential at all: what anyone on the network can do. */
  public Client anonymous() {
    return new Client(null);
  }

  /** Requests with {@code Authorization: Bearer <secret>} (another key, or an agent's session token). */
  public Client as(String bearer) {
    return new Client("Bearer " + bearer);
  }

  /** Adds an agent straight into the service's database, as {@code ./warm-transfer admin add-agent} does. */
  public void addAgent(String username, String name, String team, String password) {
    new dev.warmtransfer.service.auth.AuthStore(application().database().jdbi(), java.time.Clock.systemUTC())
        .addAgent(username, name, team, dev.warmtransfer.service.auth.Passwords.hash(password));
  }

  /** Signs the agent in through {@code POST /login} and returns requests carrying its session token. */
  public Client asAgent(String username, String password) throws IOException {
    String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    try (Response r = anonymous().post("/login", body)) {
      String text = r.body().string();
      if (r.code() != 200) {
        throw new IllegalStateException("login of " + username + " failed: " + r.code() + " " + text);
      }
      return as(new com.fasterxml.jackson.databind.ObjectMapper().readTree(text).get("token").asText());
    }
  }

  public Response post(String path, String body) throws IOException {
    return withKey.post(path, body);
  }

  public Response post(String path, String body, String contentType) throws IOException {
    return withKey.post(path, body, contentType);
  }

  public Response get(String path) throws IOException {
    return withKey.get(path);
  }

  @Override
  public void close() {
    app.after();
  }

  /** One way of presenting oneself to the service. */
  public final class Client {
    private final String authorization;

    private Client(String authorization) {
      this.authorization = authorization;
    }

    public Response post(String path, String body) throws IOException {
      return post(path, body, "application/json");
    }

    public Response post(String path, String body, String contentType) throws IOException {
      RequestBody rb = RequestBody.create(body == null ? new byte[0] : body.getBytes(), MediaType.get(contentType));
      return send(new Request.Builder().url(url(path)).post(rb));
    }

    public Response get(String path) throws IOException {
      return send(new Request.Builder().url(url(path)).get());
    }

    public Response send(Request.Builder request) throws IOException {
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      return http.newCall(request.build()).execute();
    }
  }
}

package dev.warmtransfer.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.WarmTransferApplication;
import dev.warmtransfer.service.WarmTransferConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 10: the published default LiveKit secret ships in config.yml, compose and the launcher; nothing refused it. */
class StartupGuardTest {
  private static final String PUBLISHED = "warm-transfer-dev-secret-change-me-0123456789";

  private static DropwizardAppExtension<WarmTransferConfiguration> app(boolean devMode, String secret) {
    return new DropwizardAppExtension<>(
        WarmTransferApplication.class,
        ResourceHelpers.resourceFilePath("test-config.yml"),
        ConfigOverride.config("devMode", String.valueOf(devMode)),
        ConfigOverride.config("livekit.apiSecret", secret),
        ConfigOverride.config("database.url", "jdbc:h2:file:./target/test-db/" + UUID.randomUUID()));
  }

  @Test
  void outsideDevModeThePublishedSecretStopsTheStart() {
    DropwizardAppExtension<WarmTransferConfiguration> app = app(false, PUBLISHED);
    try {
      assertThatThrownBy(app::before)
          .hasStackTraceContaining("refusing to start outside dev mode")
          .hasStackTraceContaining("LIVEKIT_API_SECRET is the published default");
    } finally {
      app.after();
    }
  }

  @Test
  void outsideDevModeAShortOrMissingSecretStopsTheStartToo() {
    assertThat(StartupGuard.problems(false, "devkey", "secret", "")).isNotEmpty();
    assertThat(StartupGuard.problems(false, "devkey", "short-but-not-published", "")).singleElement()
        .asString().contains("shorter than 32");
    assertThat(StartupGuard.problems(false, "", "", "")).hasSize(2);
    assertThat(StartupGuard.problems(false, "devkey", "a-long-private-secret-0123456789abcdef", "too-short-key"))
        .singleElement().asString().contains("WT_API_KEY");
    assertThat(StartupGuard.problems(false, "devkey", "a-long-private-secret-0123456789abcdef", "")).isEmpty();
  }

  @Test
  void inDevModeThePublishedSecretIsAllowedAndTheServiceServes() throws Exception {
    DropwizardAppExtension<WarmTransferConfiguration> app = app(true, PUBLISHED);
    try {
      app.before();
      var http = new okhttp3.OkHttpClient();
      try (okhttp3.Response r = http.newCall(new okhttp3.Request.Builder()
          .url("http://127.0.0.1:" + app.getLocalPort() + "/me").build()).execute()) {
        // Serving, and still asking who calls.
        assertThat(r.code()).isEqualTo(401);
        assertThat(new ObjectMapper().readTree(r.body().string()).get("field").asText()).isEqualTo("Authorization");
      }
    } finally {
      app.after();
    }
  }
}

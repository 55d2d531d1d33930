package dev.warmtransfer.service.web;

import dev.warmtransfer.service.WarmTransferApplication;
import dev.warmtransfer.service.WarmTransferConfiguration;
import dev.warmtransfer.testkit.LiveKitServer;
import dev.warmtransfer.testkit.RequiresTestNetwork;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser app in real Chromium (Debian's, driven by playwright-core from web/e2e) against the
 * real service and the real LiveKit server, inside the test network namespace: WebRTC ignores
 * loopback, so outside it no media could flow. Screenshots of every step land in web/target/e2e/.
 */
@RequiresTestNetwork
class BrowserTest {
  private static final String AGENT_PASSWORD = BrowserSpecs.AGENT_PASSWORD;
  private static LiveKitServer livekit;
  private static DropwizardAppExtension<WarmTransferConfiguration> service;

  @BeforeAll
  static void start() throws Exception {
    livekit = LiveKitServer.start();
    List<ConfigOverride> overrides =
        new ArrayList<>(
            List.of(
                ConfigOverride.config("livekit.url", livekit.wsUrl()),
                ConfigOverride.config("livekit.apiKey", livekit.apiKey()),
                ConfigOverride.config("livekit.apiSecret", livekit.apiSecret()),
                ConfigOverride.config("devMode", "true"),
                // A database of its own: the demo agents are made only when no agent exists yet.
                ConfigOverride.config("database.url", "jdbc:h2:file:./target/test-db/browser-" + java.util.UUID.randomUUID())));
    if (hasSignIn()) {
      overrides.add(ConfigOverride.config("auth.demoPassword", AGENT_PASSWORD));
    }
    service =
        new DropwizardAppExtension<>(
            WarmTransferApplication.class,
            ResourceHelpers.resourceFilePath("test-config.yml"),
            overrides.toArray(ConfigOverride[]::new));
    service.before();
  }

  /** Branch auth (agents' sign-in) may or may not be merged yet; the tests run either way. */
  private static boolean hasSignIn() {
    try {
      Class.forName("dev.warmtransfer.service.auth.AuthSettings");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.after();
    }
    if (livekit != null) {
      livekit.close();
    }
  }

  @Test
  void pagesRenderWithTheSeedsLabelsAndWorkByKeyboard() throws Exception {
    runSpec("pages.test.mjs");
  }

  @Test
  void callerAndAgentHearEachOtherAndTheCallerFollowsHoldAndMove() throws Exception {
    runSpec("call.test.mjs");
  }

  @Test
  void captionsFromTextStreamsShowPerSpeaker() throws Exception {
    runSpec("captions.test.mjs");
  }

  private static void runSpec(String spec) throws Exception {
    BrowserSpecs.run(spec, "http://127.0.0.1:" + service.getLocalPort(), livekit, 240, java.util.Map.of());
  }
}

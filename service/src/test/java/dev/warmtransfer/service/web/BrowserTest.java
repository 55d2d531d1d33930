package dev.warmtransfer.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.warmtransfer.service.WarmTransferApplication;
import dev.warmtransfer.service.WarmTransferConfiguration;
import dev.warmtransfer.testkit.LiveKitServer;
import dev.warmtransfer.testkit.ProjectRoot;
import dev.warmtransfer.testkit.RequiresTestNetwork;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  /** The dev-mode demo agents' password (alice, bob) once sign-in exists on the service. */
  private static final String AGENT_PASSWORD = "browser-test-password-0123";
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

  /** Runs one node:test file; its output is the test's output, its exit code the verdict. */
  private static void runSpec(String spec) throws IOException, InterruptedException {
    Path web = ProjectRoot.find().resolve("web");
    Path artefacts = web.resolve("target/e2e");
    Files.createDirectories(artefacts);
    // This spec's screenshots from an earlier run would pass for this run's: remove them.
    String prefix = spec.replace(".test.mjs", "-");
    try (var old = Files.list(artefacts)) {
      for (Path f : old.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
        Files.delete(f);
      }
    }
    List<String> cmd = new ArrayList<>(List.of("node", "--test", "--test-reporter=spec", "e2e/" + spec));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(web.toFile()).redirectErrorStream(true);
    pb.environment().put("WT_BASE_URL", "http://127.0.0.1:" + service.getLocalPort());
    pb.environment().put("WT_LIVEKIT_URL", livekit.wsUrl());
    pb.environment().put("WT_LIVEKIT_HTTP", livekit.httpUrl());
    pb.environment().put("WT_LIVEKIT_KEY", livekit.apiKey());
    pb.environment().put("WT_LIVEKIT_SECRET", livekit.apiSecret());
    pb.environment().put("WT_ARTEFACTS", artefacts.toString());
    pb.environment().put("WT_E2E_PASSWORD", AGENT_PASSWORD);
    Path log = artefacts.resolve(spec.replace(".test.mjs", ".log"));
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail(spec + " did not finish within 240 s; output in " + log + ":\n" + Files.readString(log));
    }
    String out = Files.readString(log);
    System.out.println(out);
    assertThat(p.exitValue()).as("%s failed; output (also in %s):%n%s", spec, log, out).isZero();
  }
}

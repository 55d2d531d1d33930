package dev.warmtransfer.service.web;

import dev.warmtransfer.testkit.RequiresTestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's three-tab demo in real Chromium: caller, Agent A and Agent B pages against the real
 * service, LiveKit with its webhooks and a real bot worker (call assistant, briefer), checked by
 * what each page hears and shows. Screenshots of every step land in web/target/e2e/.
 */
@RequiresTestNetwork
class BrowserTransferTest {
  private static TransferStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = TransferStack.start("browser-transfer");
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void threeTabDemoCallerHearsHoldThenBAndBHearsTheBriefing() throws Exception {
    stack.run("three-tab.test.mjs", 360);
  }

  @Test
  void declineAndCallerHangUpShowOnEveryPage() throws Exception {
    stack.run("transfer-ends.test.mjs", 360);
  }

  @Test
  void captionsOfTheCallersSpeechFromTheCallAssistant() throws Exception {
    stack.run("assistant-captions.test.mjs", 240);
  }
}

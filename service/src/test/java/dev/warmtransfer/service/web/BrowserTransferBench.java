package dev.warmtransfer.service.web;

import dev.warmtransfer.testkit.RequiresTestNetwork;
import org.junit.jupiter.api.Test;

/**
 * The Chromium hand-over benchmark (web/e2e/handoff.bench.mjs) on the same stack as
 * BrowserTransferTest. Not a test (its name keeps it out of surefire's default run):
 * {@code ./warm-transfer bench browser} runs it and prints its table.
 */
@RequiresTestNetwork
class BrowserTransferBench {
  @Test
  void handOverInChromium() throws Exception {
    try (TransferStack stack = TransferStack.start("browser-bench")) {
      stack.run("handoff.bench.mjs", 1800);
    }
  }
}

package dev.warmtransfer.service.web;

import dev.warmtransfer.service.support.BotWorkerProcess;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.testkit.FreePorts;
import dev.warmtransfer.testkit.LiveKitServer;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the three-tab demo runs on: a real LiveKit whose webhooks reach the service, the
 * service in dev mode (the seed's join form, demo agents alice and bob), and a real bot worker.
 */
final class TransferStack implements AutoCloseable {
  private static final String BOT_TOKEN = "browser-test-bot-token-0123456789";
  final LiveKitServer livekit;
  final ServiceUnderTest service;
  final BotWorkerProcess worker;

  private TransferStack(LiveKitServer livekit, ServiceUnderTest service, BotWorkerProcess worker) {
    this.livekit = livekit;
    this.service = service;
    this.worker = worker;
  }

  static TransferStack start(String name) throws Exception {
    int port = FreePorts.tcp("127.0.0.1"); // LiveKit must know the webhook URL before the service starts
    LiveKitServer livekit = LiveKitServer.builder().webhookUrl("http://127.0.0.1:" + port + "/livekit/webhook").start();
    ServiceUnderTest service = null;
    try {
      service = new ServiceUnderTest(livekit, port,
          ConfigOverride.config("bots.token", BOT_TOKEN),
          ConfigOverride.config("devMode", "true"),
          ConfigOverride.config("auth.demoPassword", BrowserSpecs.AGENT_PASSWORD));
      Path log = Path.of("target", "worker-logs", name + "-" + System.nanoTime() + ".log");
      BotWorkerProcess worker = BotWorkerProcess.start(livekit, service.url(""), BOT_TOKEN, log);
      return new TransferStack(livekit, service, worker);
    } catch (Exception | Error e) {
      if (service != null) {
        service.close();
      }
      livekit.close();
      throw e;
    }
  }

  String run(String spec, int timeoutSeconds) throws Exception {
    return BrowserSpecs.run(spec, service.url(""), livekit, timeoutSeconds, Map.of());
  }

  @Override
  public void close() throws Exception {
    try {
      worker.close();
    } finally {
      try {
        service.close();
      } finally {
        livekit.close();
      }
    }
  }
}

package dev.warmtransfer.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one real LiveKit server for a test class and stops it afterwards. If a test killed or
 * stopped it, the next test gets it back on the same ports.
 *
 * <pre>{@code @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();}</pre>
 */
public final class LiveKitExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private final LiveKitServer.Builder builder;
  private LiveKitServer server;

  public LiveKitExtension() {
    this(LiveKitServer.builder());
  }

  public LiveKitExtension(LiveKitServer.Builder builder) {
    this.builder = builder;
  }

  public LiveKitServer server() {
    if (server == null) {
      throw new IllegalStateException("LiveKit is started in beforeAll; register the extension as static");
    }
    return server;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = builder.start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!server.isRunning()) {
      server.restart();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
  }
}

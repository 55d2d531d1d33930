package dev.warmtransfer.testkit;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code livekit-server --dev} process for tests, on its own free ports, bound to the
 * test address ({@code WT_TEST_IP} inside the test network namespace, else 127.0.0.1).
 * Never a fake: integration tests talk to the same binary users run.
 */
public final class LiveKitServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveKitServer.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  public static final String API_KEY = "devkey";
  /** At least 32 characters, so LiveKit does not warn that the secret is short. */
  public static final String API_SECRET = "warm-transfer-test-secret-0123456789abcdef";

  private final String host;
  /** How often a first start tries fresh ports when someone took one in the meantime. */
  private static final int PORT_ATTEMPTS = 3;

  private int httpPort;
  private int tcpPort;
  private int udpPort;
  private final String webhookUrl;
  private final Path workDir;
  private Process process;

  private LiveKitServer(Builder b) throws IOException {
    this.host = b.host;
    this.webhookUrl = b.webhookUrl;
    choosePorts();
    if (b.httpPort > 0) {
      this.httpPort = b.httpPort;
    }
    this.workDir = Files.createTempDirectory("livekit-test-");
  }

  public static LiveKitServer start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  public String host() {
    return host;
  }

  public int httpPort() {
    return httpPort;
  }

  public String wsUrl() {
    return "ws://" + host + ":" + httpPort;
  }

  public String httpUrl() {
    return "http://" + host + ":" + httpPort;
  }

  public String apiKey() {
    return API_KEY;
  }

  public String apiSecret() {
    return API_SECRET;
  }

  /** The environment a client process of ours needs to reach this server (LIVEKIT_URL and its key). */
  public java.util.Map<String, String> clientEnv() {
    return java.util.Map.of("LIVEKIT_URL", wsUrl(), "LIVEKIT_API_KEY", apiKey(), "LIVEKIT_API_SECRET", apiSecret());
  }

  public Path logFile() {
    return workDir.resolve("livekit.log");
  }

  /** Kills the process without a clean shutdown, as a crash would. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitFor(process);
      process = null;
    }
  }

  /** Starts the process again on the same ports, after {@link #kill()} or {@link #stop()}. */
  public synchronized void restart() {
    kill();
    launch();
  }

  public synchronized void stop() {
    if (process != null) {
      process.destroy();
      waitFor(process);
      process = null;
    }
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() {
    stop();
  }

  private void choosePorts() {
    httpPort = FreePorts.tcp(host);
    tcpPort = FreePorts.tcp(host);
    udpPort = FreePorts.udp(host);
  }

  /**
   * The first start: a port found free can still be taken before LiveKit binds it (LiveKit then
   * exits 0), so it tries fresh ports. Nobody has been told the ports yet.
   */
  private synchronized void firstLaunch() {
    for (int attempt = 1; ; attempt++) {
      try {
        Files.deleteIfExists(logFile()); // so that the log read below is this attempt's
        launch();
        return;
      } catch (IOException e) {
        throw new IllegalStateException("cannot start livekit-server: " + e.getMessage(), e);
      } catch (IllegalStateException e) {
        if (attempt == PORT_ATTEMPTS || !portTaken()) {
          throw e;
        }
        LOG.warn("event=livekit_port_taken http={} tcp={} udp={} attempt={}", httpPort, tcpPort, udpPort, attempt);
        choosePorts();
      }
    }
  }

  private boolean portTaken() {
    try {
      return Files.readString(logFile(), StandardCharsets.UTF_8).contains("address already in use");
    } catch (IOException e) {
      return false;
    }
  }

  private synchronized void launch() {
    try {
      Path config = workDir.resolve("livekit.yaml");
      Files.writeString(config, config(), StandardCharsets.UTF_8);
      ProcessBuilder pb =
          new ProcessBuilder(binary().toString(), "--dev", "--config", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
      pb.environment().keySet().removeIf(k -> k.startsWith("LIVEKIT_"));
      process = pb.start();
      awaitReady();
      LOG.info("event=livekit_started url={} pid={}", wsUrl(), process.pid());
    } catch (IOException e) {
      throw new IllegalStateException("cannot start livekit-server: " + e.getMessage(), e);
    }
  }

  private String config() {
    boolean loopback = host.startsWith("127.");
    StringBuilder y = new StringBuilder();
    y.append("port: ").append(httpPort).append('\n');
    y.append("bind_addresses: [\"").append(host).append("\"]\n");
    y.append("keys:\n  ").append(API_KEY).append(": ").append(API_SECRET).append('\n');
    y.append("rtc:\n");
    y.append("  tcp_port: ").append(tcpPort).append('\n');
    y.append("  udp_port: ").append(udpPort).append('\n');
    y.append("  node_ip: ").append(host).append('\n');
    y.append("  use_external_ip: false\n");
    y.append("  enable_loopback_candidate: ").append(loopback).append('\n');
    y.append("  ips:\n    includes: [\"").append(host).append("/32\"]\n");
    // Without an explicit STUN list LiveKit hands clients public STUN servers; keep ICE local.
    y.append("  stun_servers: [\"").append(host).append(":3478\"]\n");
    y.append("room:\n  empty_timeout: 10\n  departure_timeout: 1\n");
    if (webhookUrl != null) {
      y.append("webhook:\n  api_key: ").append(API_KEY).append('\n');
      y.append("  urls: [\"").append(webhookUrl).append("\"]\n");
    }
    y.append("logging:\n  level: info\n");
    return y.toString();
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "livekit-server exited with " + process.exitValue() + ", see " + logFile());
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(httpUrl()).toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(500);
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      sleep(100);
    }
    process.destroyForcibly();
    throw new IOException("livekit-server did not answer within " + READY_TIMEOUT + ", see " + logFile());
  }

  /** {@code LIVEKIT_BIN}, else {@code .tools/bin/livekit-server} in the project root. */
  static Path binary() {
    String env = System.getenv("LIVEKIT_BIN");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path bin = ProjectRoot.find().resolve(".tools/bin/livekit-server");
    if (!Files.isExecutable(bin)) {
      throw new IllegalStateException(
          "livekit-server not found at " + bin + ": run scripts/install-livekit.sh");
    }
    return bin;
  }

  private static void waitFor(Process p) {
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for livekit-server", e);
    }
  }

  /** The test address: {@code WT_TEST_IP} inside the test network namespace, else loopback. */
  public static String defaultHost() {
    String ip = System.getenv("WT_TEST_IP");
    return ip == null || ip.isBlank() ? "127.0.0.1" : ip;
  }

  public static final class Builder {
    private String host = defaultHost();
    private String webhookUrl;
    private int httpPort;

    private Builder() {}

    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Where LiveKit posts its webhooks; null for none. */
    public Builder webhookUrl(String webhookUrl) {
      this.webhookUrl = webhookUrl;
      return this;
    }

    /** For tests of the start itself: the HTTP port to try first. */
    Builder httpPort(int port) {
      this.httpPort = port;
      return this;
    }

    public LiveKitServer start() {
      try {
        LiveKitServer server = new LiveKitServer(this);
        server.firstLaunch();
        return server;
      } catch (IOException e) {
        throw new IllegalStateException("cannot prepare livekit-server: " + e.getMessage(), e);
      }
    }
  }
}

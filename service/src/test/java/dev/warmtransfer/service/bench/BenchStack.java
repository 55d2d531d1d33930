package dev.warmtransfer.service.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.WarmTransferApplication;
import dev.warmtransfer.service.support.WorkerJvm;
import dev.warmtransfer.testkit.JavaProcess;
import dev.warmtransfer.testkit.FreePorts;
import dev.warmtransfer.testkit.LiveKitServer;
import dev.warmtransfer.testkit.ProjectRoot;
import io.livekit.server.RoomServiceClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import livekit.LivekitModels.ParticipantInfo;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * What the transfer bench runs against: a real LiveKit, the service as its own process (so its
 * RSS is its own, not the simulated people's) and one real bot worker process, both started the
 * way {@code ./warm-transfer up} starts them, plus an HTTP client holding a full-rights API key.
 */
final class BenchStack implements AutoCloseable {
  static final String API_KEY = "wtk_bench-key-with-full-rights-0123456789abcdef";
  static final String BOT_TOKEN = "bench-bot-token-0123456789abcdef";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  final LiveKitServer livekit;
  final Path logs;
  private final int port;
  private final RoomServiceClient rooms;
  private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(30, TimeUnit.SECONDS)
      .connectionPool(new okhttp3.ConnectionPool(64, 1, TimeUnit.MINUTES)).build();
  private Process service;
  private Process worker;

  BenchStack(Path logs) throws IOException {
    this.logs = Files.createDirectories(logs);
    port = FreePorts.tcp("127.0.0.1");
    livekit = LiveKitServer.builder().webhookUrl("http://127.0.0.1:" + port + "/livekit/webhook").start();
    rooms = RoomServiceClient.createClient(livekit.httpUrl(), livekit.apiKey(), livekit.apiSecret());
    http.dispatcher().setMaxRequestsPerHost(128);
    http.dispatcher().setMaxRequests(128);
  }

  /** (Re)starts the service; with {@code openAiBaseUrl} it uses that OpenAI-compatible server. */
  void startService(String openAiBaseUrl, String logName) throws Exception {
    stopService();
    int admin = FreePorts.tcp("127.0.0.1");
    Path root = ProjectRoot.find();
    ProcessBuilder pb = java(List.of("-XX:+UseSerialGC", "-Xmx256m"), WarmTransferApplication.class.getName(),
        "server", root.resolve("config.yml").toString()).directory(root.toFile());
    Map<String, String> env = livekitEnv(pb);
    env.put("WT_API_KEY", API_KEY);
    env.put("WT_BOT_TOKEN", BOT_TOKEN);
    env.put("WT_DEV_MODE", "false");
    // A fresh H2 file per start: one phase's leftover actions do not run in the next.
    env.put("DATABASE_URL", "jdbc:h2:file:" + logs.toAbsolutePath().resolve("db-" + UUID.randomUUID()));
    env.put("PORT", Integer.toString(port));
    env.put("ADMIN_PORT", Integer.toString(admin));
    env.put("BIND_HOST", "127.0.0.1");
    env.put("REQUEST_LOG_FILE", logs.resolve(logName + "-requests.log").toString());
    // The rate limits are not what is measured: 50 consoles polling from one key would trip them.
    env.put("RATE_PER_KEY", "100000");
    env.put("RATE_PER_KEY_BURST", "100000");
    env.put("RATE_PER_ADDRESS", "100000");
    env.put("RATE_PER_ADDRESS_BURST", "100000");
    if (openAiBaseUrl != null) {
      env.put("OPENAI_API_KEY", "sk-bench-not-a-real-key");
      env.put("OPENAI_BASE_URL", openAiBaseUrl);
      env.put("OPENAI_RETRIES", "0");
    }
    service = pb.redirectErrorStream(true).redirectOutput(logs.resolve(logName + ".log").toFile()).start();
    long end = System.currentTimeMillis() + 300_000;
    while (System.currentTimeMillis() < end) {
      if (!service.isAlive()) {
        throw new IllegalStateException("the service exited " + service.exitValue() + "; see " + logs.resolve(logName + ".log"));
      }
      try (Response r = http.newCall(new Request.Builder().url(url("/health")).build()).execute()) {
        if (r.code() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the service did not answer /health within 300 s");
  }

  /** One bot worker with the product's jobs, sized to hold every job of the bench at once. */
  void startWorker(int maxJobs) throws Exception {
    Path log = logs.resolve("worker.log");
    worker = WorkerJvm.command(livekit, url(""), BOT_TOKEN, "512m", Map.of(
            "WT_WORKER_MAX_JOBS", Integer.toString(maxJobs), "WT_WORKER_MAX_CALLS", "100000",
            "WT_WORKER_MAX_GROWTH_MB", "100000"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    WorkerJvm.awaitRegistered(worker, log, 1, 300_000);
  }

  private static ProcessBuilder java(List<String> jvm, String main, String... args) {
    return JavaProcess.of(jvm, main, List.of(args));
  }

  private Map<String, String> livekitEnv(ProcessBuilder pb) {
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("OPENAI_"));
    env.putAll(livekit.clientEnv());
    return env;
  }

  /** The service process's resident memory, from the kernel. */
  long serviceRssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(service.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  JsonNode post(String path, Object body) throws IOException {
    String text = body instanceof String s ? s : JSON.writeValueAsString(body);
    return call(new Request.Builder().url(url(path)).post(RequestBody.create(text, JSON_TYPE)));
  }

  JsonNode get(String path) throws IOException {
    return call(new Request.Builder().url(url(path)).get());
  }

  private JsonNode call(Request.Builder request) throws IOException {
    try (Response r = http.newCall(request.header("Authorization", "Bearer " + API_KEY).build()).execute()) {
      String text = r.body().string();
      if (!r.isSuccessful()) {
        throw new IOException(r.request().url().encodedPath() + " answered " + r.code() + ": " + text);
      }
      return JSON.readTree(text);
    }
  }

  /** A participant token from the seed's {@code POST /token}. */
  String token(String identity, String room, String role) throws IOException {
    return post("/token", Map.of("identity", identity, "room", room, "role", role)).get("token").asText();
  }

  /** Opens the room in LiveKit, as a caller joining it would. */
  void createRoom(String room) throws IOException {
    rooms.createRoom(room, 120).execute();
  }

  /** Who LiveKit says is in the room. */
  List<String> identities(String room) throws IOException {
    List<ParticipantInfo> in = rooms.listParticipants(room).execute().body();
    return in == null ? List.of() : in.stream().map(ParticipantInfo::getIdentity).toList();
  }

  /** Polls the transfer until its state is one of {@code states}; returns the last state seen. */
  String awaitState(String id, long timeoutMs, String... states) throws Exception {
    long end = System.currentTimeMillis() + timeoutMs;
    String state = "";
    while (System.currentTimeMillis() < end) {
      state = get("/transfers/" + id).get("state").asText();
      if (List.of(states).contains(state)) {
        return state;
      }
      Thread.sleep(100);
    }
    return state;
  }

  private void stopService() throws InterruptedException {
    if (service != null) {
      service.destroy();
      if (!service.waitFor(20, TimeUnit.SECONDS)) {
        service.destroyForcibly().waitFor();
      }
      service = null;
    }
  }

  @Override
  public void close() throws Exception {
    if (worker != null) {
      worker.destroy();
      if (!worker.waitFor(20, TimeUnit.SECONDS)) {
        worker.destroyForcibly().waitFor();
      }
    }
    stopService();
    livekit.close();
  }
}

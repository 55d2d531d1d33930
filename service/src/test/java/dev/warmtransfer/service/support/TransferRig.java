package dev.warmtransfer.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.service.livekit.LiveKitControl;
import dev.warmtransfer.testkit.FreePorts;
import dev.warmtransfer.testkit.LiveKitServer;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import okhttp3.Response;

/**
 * What every end-to-end transfer test stands on: a real LiveKit whose webhooks reach the service,
 * the service, real bot worker processes with the product's jobs, and Java participants joined
 * with the service's tokens. Closing it closes the participants, stops the workers, the service
 * and LiveKit, in that order.
 */
public final class TransferRig implements AutoCloseable {
  public static final String BOT_TOKEN = "test-bot-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  public final LiveKitServer livekit;
  public final ServiceUnderTest service;
  private final String name;
  private final LiveKitControl control;
  private final Map<Process, Path> workers = new LinkedHashMap<>();
  private final List<Room> rooms = new CopyOnWriteArrayList<>();
  private final List<ServiceUnderTest> instances = new CopyOnWriteArrayList<>();

  private TransferRig(String name, LiveKitServer livekit, ServiceUnderTest service) {
    this.name = name;
    this.livekit = livekit;
    this.service = service;
    this.control = new LiveKitControl(service.app.getConfiguration().getLivekit());
  }

  /** LiveKit and the service (with the bots' credential and any {@code extra} settings); no worker yet. */
  public static TransferRig start(String name, ConfigOverride... extra) throws Exception {
    return start(name, null, extra);
  }

  /** The same on a database of the test's choosing (null: a fresh H2 file), which more instances may share. */
  public static TransferRig start(String name, String databaseUrl, ConfigOverride... extra) throws Exception {
    int port = FreePorts.tcp("127.0.0.1"); // LiveKit must know the webhook URL before the service starts
    LiveKitServer livekit = LiveKitServer.builder().webhookUrl("http://127.0.0.1:" + port + "/livekit/webhook").start();
    try {
      return new TransferRig(name, livekit, new ServiceUnderTest(livekit, port, databaseUrl, withBotToken(extra)));
    } catch (Exception | Error e) {
      livekit.close();
      throw e;
    }
  }

  private static ConfigOverride[] withBotToken(ConfigOverride... extra) {
    List<ConfigOverride> overrides = new ArrayList<>(List.of(ConfigOverride.config("bots.token", BOT_TOKEN)));
    overrides.addAll(List.of(extra));
    return overrides.toArray(ConfigOverride[]::new);
  }

  /** Another service instance on {@code databaseUrl} (the first one's, to share the work), closed with the rig. */
  public ServiceUnderTest addInstance(String databaseUrl, ConfigOverride... extra) throws Exception {
    ServiceUnderTest other = new ServiceUnderTest(livekit, 0, databaseUrl, withBotToken(extra));
    instances.add(other);
    return other;
  }

  /** The same with one worker process already registered. */
  public static TransferRig withWorker(String name, ConfigOverride... extra) throws Exception {
    TransferRig rig = start(name, extra);
    try {
      rig.startWorker(Map.of());
      return rig;
    } catch (Exception | Error e) {
      rig.close();
      throw e;
    }
  }

  /**
   * A bot worker JVM (WorkerMain with the product's jobs, local speech engines), once LiveKit has
   * registered it. {@code env} adds worker settings (WT_WORKER_MAX_JOBS ...).
   */
  public Process startWorker(Map<String, String> env) throws Exception {
    return startWorker(env, "384m");
  }

  /** The same with a heap of {@code heap} (a worker with many jobs needs more). */
  public Process startWorker(Map<String, String> env, String heap) throws Exception {
    return startWorker(env, heap, service);
  }

  /** The same reporting to {@code reportTo} (one of several instances). */
  public Process startWorker(Map<String, String> env, String heap, ServiceUnderTest reportTo) throws Exception {
    Path log = Files.createDirectories(Path.of("target", "worker-logs"))
        .resolve(name + "-" + System.nanoTime() + ".log");
    ProcessBuilder pb = WorkerJvm.command(livekit, reportTo.url(""), BOT_TOKEN, heap, env)
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    workers.put(p, log);
    WorkerJvm.awaitRegistered(p, log, 1, 60_000);
    return p;
  }

  /** The worker's log so far (stdout and stderr). */
  public String workerLog(Process worker) throws Exception {
    return Files.readString(workers.get(worker));
  }

  public List<Process> workers() {
    return List.copyOf(workers.keySet());
  }

  /** Joins {@code room} as {@code identity} with a token from the service's {@code /token}. */
  public Room join(String identity, String room, String role, Ears ears) throws Exception {
    return join(identity, room, role, ears, RoomOptions.defaults());
  }

  public Room join(String identity, String room, String role, Ears ears, RoomOptions options) throws Exception {
    String token = post("/token", Map.of("identity", identity, "room", room, "role", role)).get("token").asText();
    return join(livekit.wsUrl(), token, ears, options);
  }

  /** Joins with a token the service handed out (Agent B's for H, an accept's for R). */
  public Room join(String wsUrl, String token, Ears ears, RoomOptions options) {
    Room r = Room.connect(wsUrl, token, options, ears);
    rooms.add(r);
    return r;
  }

  public Room join(String token, Ears ears) {
    return join(livekit.wsUrl(), token, ears, RoomOptions.defaults());
  }

  /** Leaves (a hang-up, or a console leaving a room). */
  public void leave(Room r) {
    rooms.remove(r);
    r.close();
  }

  public JsonNode post(String path, Object body) throws Exception {
    return json(service.post(path, body instanceof String s ? s : JSON.writeValueAsString(body)));
  }

  public JsonNode get(String path) throws Exception {
    return json(service.get(path));
  }

  /** {@code POST /transfer} from {@code room}'s Agent A to B; {@code more} adds fields (transcript, mode...). */
  public JsonNode startTransfer(String room, String agentA, String agentB, Map<String, String> more) throws Exception {
    Map<String, String> body = new LinkedHashMap<>(Map.of("fromRoom", room, "agentA", agentA, "agentB", agentB));
    body.putAll(more);
    JsonNode started = post("/transfer", body);
    assertThat(started.has("transferId")).as("transfer started: " + started).isTrue();
    return started;
  }

  /** {@code GET /transfers/{id}} until {@code until} holds or {@code ms} pass; the last answer. */
  public JsonNode await(String id, Predicate<JsonNode> until, long ms) throws Exception {
    long end = System.currentTimeMillis() + ms;
    JsonNode t = get("/transfers/" + id);
    while (!until.test(t) && System.currentTimeMillis() < end) {
      Thread.sleep(200); // twenty transfers polled at once must not load the service themselves
      t = get("/transfers/" + id);
    }
    return t;
  }

  public JsonNode awaitState(String id, String state, long ms) throws Exception {
    return await(id, t -> t.get("state").asText().equals(state), ms);
  }

  /** Who is in {@code room}, by LiveKit's own participant list (not our state). */
  public List<String> identities(String room) {
    return control.participants(room).stream().map(p -> p.getIdentity()).toList();
  }

  /** A participant's sid as LiveKit lists it; empty when it is not there. */
  public String sid(String room, String identity) {
    return control.participants(room).stream().filter(p -> p.getIdentity().equals(identity)).map(p -> p.getSid())
        .findFirst().orElse("");
  }

  /** Waits until LiveKit's list of {@code room} satisfies {@code until}; the last list. */
  public List<String> awaitIdentities(String room, Predicate<List<String>> until, long ms) throws InterruptedException {
    long end = System.currentTimeMillis() + ms;
    List<String> in = identities(room);
    while (!until.test(in) && System.currentTimeMillis() < end) {
      Thread.sleep(200);
      in = identities(room);
    }
    return in;
  }

  /** The call assistant comes by itself once the room holds a caller and an agent: its identity. */
  public String awaitAssistant(String room, long ms) throws InterruptedException {
    List<String> in = awaitIdentities(room, l -> l.stream().anyMatch(i -> i.startsWith("wt-assistant-")), ms);
    return in.stream().filter(i -> i.startsWith("wt-assistant-")).findFirst()
        .orElseThrow(() -> new AssertionError("no call assistant came to " + room + "; in it: " + in));
  }

  private static JsonNode json(Response r) throws Exception {
    try (r) {
      return JSON.readTree(r.body().string());
    }
  }

  @Override
  public void close() {
    rooms.forEach(Room::close);
    for (Process p : workers.keySet()) {
      p.destroy();
    }
    for (Process p : workers.keySet()) {
      try {
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    try {
      instances.forEach(ServiceUnderTest::close);
      service.close();
    } finally {
      livekit.close();
    }
  }
}

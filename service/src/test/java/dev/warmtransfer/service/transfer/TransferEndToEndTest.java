package dev.warmtransfer.service.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.bot.worker.WorkerMain;
import dev.warmtransfer.service.livekit.LiveKitControl;
import dev.warmtransfer.service.support.Ears;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.testkit.LiveKitServer;
import dev.warmtransfer.testkit.TestAudio;
import io.dropwizard.testing.ConfigOverride;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The whole flow with the real bot worker process (production job factory), real LiveKit with its
 * webhooks, and Java participants as caller, Agent A and Agent B; every check is by ear or by
 * LiveKit's own participant list.
 */
@EnabledIfEnvironmentVariable(named = "WT_TEST_IP", matches = ".+", disabledReason = "needs the test network: scripts/testnet.sh exec ...")
class TransferEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BOT_TOKEN = "test-bot-token-0123456789";

  private static JsonNode json(Response r) throws Exception {
    try (r) {
      return JSON.readTree(r.body().string());
    }
  }

  private static Process worker(LiveKitServer livekit, ServiceUnderTest service, Path log) throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
        "-D" + WorkerMain.FACTORY_PROPERTY + "=" + dev.warmtransfer.service.support.ProductionJobs.class.getName(), "-cp", cp, WorkerMain.class.getName())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("LIVEKIT_URL", livekit.wsUrl());
    env.put("LIVEKIT_API_KEY", livekit.apiKey());
    env.put("LIVEKIT_API_SECRET", livekit.apiSecret());
    env.put("WT_SERVICE_URL", service.url(""));
    env.put("WT_BOT_TOKEN", BOT_TOKEN);
    env.remove("OPENAI_API_KEY");
    Process p = pb.start();
    long end = System.currentTimeMillis() + 60_000;
    while (!Files.readString(log).contains("event=worker_registered") && System.currentTimeMillis() < end) {
      assertThat(p.isAlive()).as("worker alive:\n" + Files.readString(log)).isTrue();
      Thread.sleep(200);
    }
    return p;
  }

  private static Room join(ServiceUnderTest s, String url, String token, Ears ears) {
    return Room.connect(url, token, RoomOptions.defaults(), ears);
  }

  private static String token(ServiceUnderTest s, String identity, String room, String role) throws Exception {
    return json(s.post("/token", JSON.writeValueAsString(Map.of("identity", identity, "room", room, "role", role))))
        .get("token").asText();
  }

  private static JsonNode await(ServiceUnderTest s, String id, Predicate<JsonNode> until, long ms) throws Exception {
    long end = System.currentTimeMillis() + ms;
    JsonNode t = json(s.get("/transfers/" + id));
    while (!until.test(t) && System.currentTimeMillis() < end) {
      Thread.sleep(100);
      t = json(s.get("/transfers/" + id));
    }
    return t;
  }

  private static List<String> identities(ServiceUnderTest s, String room) {
    return new LiveKitControl(s.app.getConfiguration().getLivekit()).participants(room).stream().map(p -> p.getIdentity()).toList();
  }

  @Test
  void happyPathTheCallerWaitsOnHoldBHearsTheBriefingThenCallerAndBHearEachOther() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String room = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    Path log = Files.createDirectories(Path.of("target", "worker-logs")).resolve("e2e-" + System.nanoTime() + ".log");
    try (LiveKitServer livekit = LiveKitServer.builder().webhookUrl("http://127.0.0.1:" + port + "/livekit/webhook").start();
        ServiceUnderTest service = new ServiceUnderTest(livekit, port, ConfigOverride.config("bots.token", BOT_TOKEN))) {
      Process worker = worker(livekit, service, log);
      Ears callerEars = new Ears();
      Ears aliceEars = new Ears();
      Ears bobEars = new Ears();
      List<Room> rooms = new ArrayList<>();
      try {
        Room caller = join(service, livekit.wsUrl(), token(service, "caller-1", room, "caller"), callerEars);
        rooms.add(caller);
        Room alice = join(service, livekit.wsUrl(), token(service, "alice", room, "agent"), aliceEars);
        rooms.add(alice);
        caller.play(TestAudio.tone(400, 90_000, 48_000, 0.3), 48_000);
        alice.play(TestAudio.tone(600, 90_000, 48_000, 0.3), 48_000);
        long t0 = System.currentTimeMillis();
        assertThat(callerEars.awaitAudible("alice", t0, 100, 30_000)).as("caller hears A").isTrue();

        // The call assistant comes by itself once the room holds a caller and an agent.
        long end = System.currentTimeMillis() + 30_000;
        while (identities(service, room).stream().noneMatch(i -> i.startsWith("wt-assistant-")) && System.currentTimeMillis() < end) {
          Thread.sleep(200);
        }
        assertThat(identities(service, room)).anyMatch(i -> i.startsWith("wt-assistant-"));

        JsonNode started = json(service.post("/transfer", JSON.writeValueAsString(Map.of("fromRoom", room, "agentA", "alice",
            "agentB", "bob", "transcript", "Customer: my account number is 4417 and I was charged twice."))));
        String id = started.get("transferId").asText();
        String h = started.get("newRoom").asText();
        assertThat(await(service, id, t -> !t.get("state").asText().equals("requested"), 20_000).get("state").asText())
            .isEqualTo("caller_on_hold");
        long held = System.currentTimeMillis();

        Room bobInH = join(service, livekit.wsUrl(), started.get("agentBToken").asText(), bobEars);
        rooms.add(bobInH);
        long bJoined = System.currentTimeMillis();
        // B hears the briefer speak in H.
        end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end
            && identities(service, h).stream().filter(i -> i.startsWith("wt-briefer-"))
                .noneMatch(b -> bobEars.audible(b, bJoined, Long.MAX_VALUE).size() >= 50)) {
          Thread.sleep(200);
        }
        String briefer = identities(service, h).stream().filter(i -> i.startsWith("wt-briefer-")).findFirst().orElse("");
        assertThat(bobEars.audible(briefer, bJoined, Long.MAX_VALUE)).as("B hears the briefing").hasSizeGreaterThanOrEqualTo(50);
        assertThat(callerEars.audible("alice", held + 500, System.currentTimeMillis())).as("caller hears A on hold").isEmpty();

        JsonNode accepted = json(service.post("/transfers/" + id + "/accept", ""));
        assertThat(accepted.get("room").asText()).isEqualTo(room);
        // B's console leaves H for the caller's room (H goes away at hand-over anyway).
        bobInH.close();
        rooms.remove(bobInH);
        Room bobInR = join(service, livekit.wsUrl(), accepted.get("token").asText(), bobEars);
        rooms.add(bobInR);
        bobInR.play(TestAudio.tone(800, 60_000, 48_000, 0.3), 48_000);
        JsonNode done = await(service, id, t -> t.get("state").asText().equals("completed"), 30_000);
        assertThat(done.get("state").asText()).isEqualTo("completed");
        long handed = System.currentTimeMillis();
        // By pitch: only B plays 800 Hz. (The bot's Room may report a late joiner's frames under
        // an empty identity before it learns who sent them, so the identity is not relied on.)
        end = System.currentTimeMillis() + 20_000;
        while (Ears.pitchedFrames(callerEars.audibleFromHumans(handed), 800) < 100 && System.currentTimeMillis() < end) {
          Thread.sleep(100);
        }
        assertThat(Ears.pitchedFrames(callerEars.audibleFromHumans(handed), 800))
            .as("caller hears B (800 Hz); frames from: " + callerEars.sources(handed)).isGreaterThanOrEqualTo(100);
        assertThat(bobEars.awaitAudible("caller-1", handed, 100, 20_000)).as("B hears the caller").isTrue();
        end = System.currentTimeMillis() + 15_000;
        while ((identities(service, room).contains("alice") || !identities(service, h).isEmpty()) && System.currentTimeMillis() < end) {
          Thread.sleep(200);
        }
        assertThat(identities(service, room)).contains("caller-1", "bob").doesNotContain("alice");
        assertThat(identities(service, h)).as("H deleted").isEmpty();
      } finally {
        rooms.forEach(Room::close);
        worker.destroy();
        worker.waitFor();
      }
    }
  }

  @Test
  void declinedTheCallerHearsAAgainAndTheHandoffRoomIsGone() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String room = "e2e-decline-" + UUID.randomUUID().toString().substring(0, 8);
    Path log = Files.createDirectories(Path.of("target", "worker-logs")).resolve("e2e-decline-" + System.nanoTime() + ".log");
    try (LiveKitServer livekit = LiveKitServer.builder().webhookUrl("http://127.0.0.1:" + port + "/livekit/webhook").start();
        ServiceUnderTest service = new ServiceUnderTest(livekit, port, ConfigOverride.config("bots.token", BOT_TOKEN))) {
      Process worker = worker(livekit, service, log);
      Ears callerEars = new Ears();
      Ears bobEars = new Ears();
      List<Room> rooms = new ArrayList<>();
      try {
        Room caller = join(service, livekit.wsUrl(), token(service, "caller-1", room, "caller"), callerEars);
        rooms.add(caller);
        Room alice = join(service, livekit.wsUrl(), token(service, "alice", room, "agent"), new Ears());
        rooms.add(alice);
        alice.play(TestAudio.tone(600, 90_000, 48_000, 0.3), 48_000);
        assertThat(callerEars.awaitAudible("alice", System.currentTimeMillis(), 100, 30_000)).as("caller hears A").isTrue();

        JsonNode started = json(service.post("/transfer", JSON.writeValueAsString(Map.of("fromRoom", room, "agentA", "alice",
            "agentB", "bob", "transcript", "Customer: order 7781 never arrived."))));
        String id = started.get("transferId").asText();
        String h = started.get("newRoom").asText();
        assertThat(await(service, id, t -> !t.get("state").asText().equals("requested"), 20_000).get("state").asText())
            .isEqualTo("caller_on_hold");
        long held = System.currentTimeMillis();
        Room bobInH = join(service, livekit.wsUrl(), started.get("agentBToken").asText(), bobEars);
        rooms.add(bobInH);
        assertThat(await(service, id, t -> !t.get("state").asText().equals("caller_on_hold"), 30_000).get("state").asText())
            .isIn("agent_b_joined", "briefed");
        assertThat(callerEars.audible("alice", held + 500, System.currentTimeMillis())).as("caller hears A on hold").isEmpty();

        JsonNode declined = json(service.post("/transfers/" + id + "/decline", "{\"reason\":\"not my team\"}"));
        assertThat(declined.get("state").asText()).isEqualTo("declined");
        assertThat(declined.get("reason").asText()).isEqualTo("not my team");
        long back = System.currentTimeMillis();
        assertThat(callerEars.awaitAudible("alice", back, 100, 20_000)).as("caller hears A again").isTrue();
        assertThat(Ears.pitch(callerEars.audible("alice", back, Long.MAX_VALUE))).isCloseTo(600, within(5.0));
        long end = System.currentTimeMillis() + 15_000;
        while (!identities(service, h).isEmpty() && System.currentTimeMillis() < end) {
          Thread.sleep(200);
        }
        assertThat(identities(service, h)).as("H deleted, B out of it").isEmpty();
        assertThat(identities(service, room)).contains("caller-1", "alice");
      } finally {
        rooms.forEach(Room::close);
        worker.destroy();
        worker.waitFor();
      }
    }
  }

  @Test
  void timedOutAndCallerLeftEndTheirTransfersAndDeleteTheHandoffRooms() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String room = "e2e-timeout-" + UUID.randomUUID().toString().substring(0, 8);
    Path log = Files.createDirectories(Path.of("target", "worker-logs")).resolve("e2e-timeout-" + System.nanoTime() + ".log");
    try (LiveKitServer livekit = LiveKitServer.builder().webhookUrl("http://127.0.0.1:" + port + "/livekit/webhook").start();
        ServiceUnderTest service = new ServiceUnderTest(livekit, port, ConfigOverride.config("bots.token", BOT_TOKEN),
            ConfigOverride.config("transfers.agentBJoinTimeout", "5s"))) {
      Process worker = worker(livekit, service, log);
      Ears callerEars = new Ears();
      List<Room> rooms = new ArrayList<>();
      try {
        Room caller = join(service, livekit.wsUrl(), token(service, "caller-1", room, "caller"), callerEars);
        rooms.add(caller);
        Room alice = join(service, livekit.wsUrl(), token(service, "alice", room, "agent"), new Ears());
        rooms.add(alice);
        alice.play(TestAudio.tone(600, 90_000, 48_000, 0.3), 48_000);
        assertThat(callerEars.awaitAudible("alice", System.currentTimeMillis(), 100, 30_000)).as("caller hears A").isTrue();

        // B never joins: timed_out after 5 s, and the caller hears A again.
        JsonNode first = json(service.post("/transfer", JSON.writeValueAsString(Map.of("fromRoom", room, "agentA", "alice",
            "agentB", "bob", "transcript", "Customer: claim 3310 is pending."))));
        JsonNode out = await(service, first.get("transferId").asText(), t -> t.get("state").asText().equals("timed_out"), 30_000);
        assertThat(out.get("state").asText()).isEqualTo("timed_out");
        long back = System.currentTimeMillis();
        assertThat(callerEars.awaitAudible("alice", back, 100, 20_000)).as("caller hears A again").isTrue();
        long end = System.currentTimeMillis() + 15_000;
        while (!identities(service, first.get("newRoom").asText()).isEmpty() && System.currentTimeMillis() < end) {
          Thread.sleep(200);
        }
        assertThat(identities(service, first.get("newRoom").asText())).as("H deleted").isEmpty();

        // A second transfer at once; the caller hangs up while B is in H: caller_left.
        JsonNode second = json(service.post("/transfer", JSON.writeValueAsString(Map.of("fromRoom", room, "agentA", "alice",
            "agentB", "bob", "transcript", "Customer: claim 3310 is pending."))));
        String id = second.get("transferId").asText();
        assertThat(second.get("newRoom").asText()).isNotEqualTo(first.get("newRoom").asText());
        await(service, id, t -> t.get("state").asText().equals("caller_on_hold"), 20_000);
        Room bob = join(service, livekit.wsUrl(), second.get("agentBToken").asText(), new Ears());
        rooms.add(bob);
        await(service, id, t -> !t.get("state").asText().equals("caller_on_hold"), 20_000);
        caller.close();
        rooms.remove(caller);
        JsonNode left = await(service, id, t -> t.get("state").asText().equals("caller_left"), 20_000);
        assertThat(left.get("state").asText()).isEqualTo("caller_left");
        end = System.currentTimeMillis() + 20_000;
        while (!identities(service, second.get("newRoom").asText()).isEmpty() && System.currentTimeMillis() < end) {
          Thread.sleep(200);
        }
        assertThat(identities(service, second.get("newRoom").asText())).as("H deleted").isEmpty();
      } finally {
        rooms.forEach(Room::close);
        worker.destroy();
        worker.waitFor();
      }
    }
  }

  @Test
  void moveCallerTheCallersPageIsToldAndTheCallerEndsUpWithBInTheHandoffRoom() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String room = "e2e-move-" + UUID.randomUUID().toString().substring(0, 8);
    Path log = Files.createDirectories(Path.of("target", "worker-logs")).resolve("e2e-move-" + System.nanoTime() + ".log");
    try (LiveKitServer livekit = LiveKitServer.builder().webhookUrl("http://127.0.0.1:" + port + "/livekit/webhook").start();
        ServiceUnderTest service = new ServiceUnderTest(livekit, port, ConfigOverride.config("bots.token", BOT_TOKEN))) {
      Process worker = worker(livekit, service, log);
      Ears callerEars = new Ears();
      List<Room> rooms = new ArrayList<>();
      try {
        Room caller = join(service, livekit.wsUrl(), token(service, "caller-1", room, "caller"), callerEars);
        rooms.add(caller);
        Room alice = join(service, livekit.wsUrl(), token(service, "alice", room, "agent"), new Ears());
        rooms.add(alice);
                JsonNode started = json(service.post("/transfer", JSON.writeValueAsString(Map.of("fromRoom", room, "agentA", "alice",
            "agentB", "bob", "mode", "move-caller", "transcript", "Customer: invoice 5512 is wrong."))));
        String id = started.get("transferId").asText();
        String h = started.get("newRoom").asText();
        await(service, id, t -> t.get("state").asText().equals("caller_on_hold"), 20_000);
        Room bob = join(service, livekit.wsUrl(), started.get("agentBToken").asText(), new Ears());
        rooms.add(bob);
        bob.play(TestAudio.tone(800, 60_000, 48_000, 0.3), 48_000);

        // The seed's endpoint; the caller's page is told over wt.move and follows it.
        JsonNode moved = json(service.post("/move-caller", JSON.writeValueAsString(Map.of("callerIdentity", "caller-1", "newRoom", h))));
        assertThat(moved.get("token").asText()).isNotBlank();
        Map.Entry<String, String> move = null;
        long end = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < end && (move == null || !move.getKey().equals("wt.move"))) {
          move = callerEars.data.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        assertThat(move).as("the caller's page got wt.move").isNotNull();
        JsonNode body = JSON.readTree(move.getValue());
        assertThat(body.get("room").asText()).isEqualTo(h);
        Ears movedEars = new Ears();
        caller.close();
        rooms.remove(caller);
        Room callerInH = join(service, body.get("wsUrl").asText(), body.get("token").asText(), movedEars);
        rooms.add(callerInH);
        long arrived = System.currentTimeMillis();
        JsonNode done = await(service, id, t -> t.get("state").asText().equals("completed"), 30_000);
        assertThat(done.get("state").asText()).isEqualTo("completed");
        end = System.currentTimeMillis() + 20_000;
        while (Ears.pitchedFrames(movedEars.audibleFromHumans(arrived), 800) < 100 && System.currentTimeMillis() < end) {
          Thread.sleep(100);
        }
        assertThat(Ears.pitchedFrames(movedEars.audibleFromHumans(arrived), 800)).as("the caller hears B in H").isGreaterThanOrEqualTo(100);
        end = System.currentTimeMillis() + 15_000;
        while ((identities(service, room).contains("alice") || identities(service, h).contains("alice")) && System.currentTimeMillis() < end) {
          Thread.sleep(200);
        }
        assertThat(identities(service, room)).doesNotContain("alice");
        assertThat(identities(service, h)).contains("caller-1", "bob").doesNotContain("alice");
      } finally {
        rooms.forEach(Room::close);
        worker.destroy();
        worker.waitFor();
      }
    }
  }
}

package dev.warmtransfer.service.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.service.support.Ears;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.service.support.TransferRig;
import dev.warmtransfer.testkit.PostgresExtension;
import dev.warmtransfer.testkit.TestAudio;
import io.dropwizard.testing.ConfigOverride;
import io.livekit.server.AgentDispatchServiceClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two service instances on one PostgreSQL database, as a team runs them behind a load balancer:
 * transfers are started on one, the bots report to the other, B accepts through the other. Each
 * stored action runs once (both instances used to run them all: two briefers were dispatched into
 * one handoff room), and a console on either instance is told each transfer's latest state.
 */
@EnabledIfEnvironmentVariable(named = "WT_TEST_IP", matches = ".+", disabledReason = "needs the test network: scripts/testnet.sh exec ...")
class TwoInstancesTest {
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();
  static final String CALL = """
      Customer: Hi, my account number is four four one two and I was charged twice.
      Agent: I will transfer you to billing.
      """;

  @Test
  void eachActionRunsOnceAndAConsoleOnEitherInstanceIsToldTheLatestState() throws Exception {
    ConfigOverride user = ConfigOverride.config("database.user", POSTGRES.user());
    String run = UUID.randomUUID().toString().substring(0, 6);
    try (TransferRig rig = TransferRig.start("e2e-two", POSTGRES.jdbcUrl(), user)) {
      ServiceUnderTest other = rig.addInstance(POSTGRES.jdbcUrl(), user);
      rig.startWorker(Map.of(), "384m", other);
      AgentDispatchServiceClient dispatches = AgentDispatchServiceClient.createClient(rig.livekit.httpUrl(),
          rig.livekit.apiKey(), rig.livekit.apiSecret());
      try (Console onFirst = Console.open(rig.service); Console onOther = Console.open(other)) {
        for (int i = 0; i < 3; i++) {
          String room = "e2e-two-" + run + "-" + i;
          Ears callerEars = new Ears();
          rig.join("caller-" + i, room, "caller", callerEars);
          rig.join("alice-" + i, room, "agent", new Ears());
          rig.awaitAssistant(room, 30_000);

          JsonNode started = rig.startTransfer(room, "alice-" + i, "bob-" + i, Map.of("transcript", CALL));
          String id = started.get("transferId").asText();
          String h = started.get("newRoom").asText();
          Room bInH = rig.join(started.get("agentBToken").asText(), new Ears());
          JsonNode joined = rig.await(id, t -> List.of("agent_b_joined", "briefed").contains(t.get("state").asText()), 30_000);
          assertThat(joined.get("state").asText()).as("transfer %s saw B join", id).isIn("agent_b_joined", "briefed");
          // LiveKit lists a dispatch without an agent name of its own in every room; ours carry our name.
          assertThat(dispatches.listDispatch(h).execute().body()).filteredOn(d -> d.getAgentName().equals("warm-transfer"))
              .as("briefers dispatched into %s", h).hasSize(1);

          // B accepts through the other instance and takes the caller.
          long accepted = System.currentTimeMillis();
          JsonNode token = json(other.post("/transfers/" + id + "/accept", ""));
          assertThat(token.has("token")).as("accept: %s", token).isTrue();
          rig.leave(bInH);
          Room bInR = rig.join(token.get("token").asText(), new Ears());
          bInR.play(TestAudio.tone(800, 30_000, 48_000, 0.3), 48_000);
          assertThat(rig.awaitState(id, "completed", 30_000).get("state").asText()).isEqualTo("completed");
          assertThat(callerEars.awaitPitchedFromHumans(accepted, 800, 100, 20_000)).as("the caller hears B").isGreaterThanOrEqualTo(100);

          // Each console gets the transfer's latest state (states that pass within one read of the
          // other instance's relay are told as the latest, whose timeline holds them), never an older one.
          List<String> timeline = new java.util.ArrayList<>();
          rig.get("/transfers/" + id).get("timeline").forEach(row -> timeline.add(row.get("state").asText()));
          assertThat(timeline).containsSubsequence("requested", "agent_b_joined", "accepted", "completed");
          for (Console c : List.of(onFirst, onOther)) {
            List<String> told = c.await(id, "completed", 10_000);
            assertThat(told).as("%s console told of %s", c.name, id).endsWith("completed");
            assertThat(timeline).as("%s console told %s in order", c.name, told).containsSubsequence(told.stream().distinct().toList());
            List<String> history = new java.util.ArrayList<>();
            c.last(id).get("timeline").forEach(row -> history.add(row.get("state").asText()));
            assertThat(history).as("the timeline %s console shows", c.name).isEqualTo(timeline);
          }
        }
      }
    }
  }

  private static JsonNode json(Response r) throws Exception {
    try (r) {
      return new ObjectMapper().readTree(r.body().string());
    }
  }

  /** A console's event stream on one instance: the states it was told, per transfer. */
  static final class Console implements AutoCloseable {
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();
    final String name;
    private final Response response;
    private final Map<String, List<String>> told = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> last = new ConcurrentHashMap<>();

    private Console(String name, Response response) {
      this.name = name;
      this.response = response;
      Thread reader = new Thread(this::read, "console-" + name);
      reader.setDaemon(true);
      reader.start();
    }

    static Console open(ServiceUnderTest service) throws Exception {
      Response r = HTTP.newCall(new Request.Builder().url(service.url("/events"))
          .header("Authorization", "Bearer " + ServiceUnderTest.API_KEY).build()).execute();
      assertThat(r.code()).isEqualTo(200);
      return new Console(service.url(""), r);
    }

    private void read() {
      ObjectMapper json = new ObjectMapper();
      try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.startsWith("data:")) {
            JsonNode t = json.readTree(line.substring(5));
            last.put(t.get("transferId").asText(), t);
            told.computeIfAbsent(t.get("transferId").asText(), k -> new CopyOnWriteArrayList<>()).add(t.get("state").asText());
          }
        }
      } catch (Exception closed) {
        // The test is over.
      }
    }

    JsonNode last(String id) {
      return last.get(id);
    }

    List<String> states(String id) {
      return told.getOrDefault(id, List.of());
    }

    /** The states told of {@code id} once it reached {@code state}, or when {@code ms} ran out. */
    List<String> await(String id, String state, long ms) throws InterruptedException {
      long end = System.currentTimeMillis() + ms;
      while (!states(id).contains(state) && System.currentTimeMillis() < end) {
        Thread.sleep(50);
      }
      return List.copyOf(states(id));
    }

    @Override
    public void close() {
      response.close();
    }
  }
}

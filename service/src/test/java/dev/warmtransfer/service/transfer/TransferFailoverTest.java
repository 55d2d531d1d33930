package dev.warmtransfer.service.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.service.support.Ears;
import dev.warmtransfer.service.support.HeardDigits;
import dev.warmtransfer.service.support.TransferRig;
import dev.warmtransfer.testkit.TestAudio;
import io.dropwizard.testing.ConfigOverride;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A bot worker dies (SIGKILL) while its briefer is speaking to Agent B: LiveKit reports the
 * briefer gone, the service dispatches the briefing again, another worker takes it, B hears the
 * briefing from the start, and the transfer is still accepted and completed.
 */
@EnabledIfEnvironmentVariable(named = "WT_TEST_IP", matches = ".+", disabledReason = "needs the test network: scripts/testnet.sh exec ...")
class TransferFailoverTest {
  /** A call long enough that its spoken briefing (about 15 s) can be cut in the middle. */
  static final String CALL = """
      Customer: Hi, my account number is five three six nine. I was charged twice for my internet bill last month, forty nine dollars each time.
      Agent: I see both charges on the account.
      Customer: I already tried to reset my payment and called on Monday, and they promised a refund within five days but nothing came.
      Agent: I will transfer you to billing to process the refund.
      """;
  /** Where the account number sits in the spoken briefing, among the words it says besides. */
  static final String ACCOUNT_GRAMMAR = HeardDigits.grammar("account", 4, List.of("""
      the caller says they were charged twice for their internet bill last month forty nine dollars each
      time when monday and within five days already tried to reset payment agent a found both charges on
      transferred billing"""));

  @Test
  void theWorkerHoldingTheBrieferIsKilledMidSpeechAndBStillHearsTheBriefingThenAccepts() throws Exception {
    String room = "e2e-failover-" + UUID.randomUUID().toString().substring(0, 8);
    try (TransferRig rig = TransferRig.start("e2e-failover")) {
      // One worker with room for one job takes the call assistant; two more wait for briefers.
      rig.startWorker(Map.of("WT_WORKER_MAX_JOBS", "1"));
      Ears callerEars = new Ears();
      Ears bobEars = new Ears();
      rig.join("caller-1", room, "caller", callerEars);
      rig.join("alice", room, "agent", new Ears());
      rig.awaitAssistant(room, 30_000);
      rig.startWorker(Map.of());
      rig.startWorker(Map.of());

      JsonNode started = rig.startTransfer(room, "alice", "bob", Map.of("transcript", CALL));
      String id = started.get("transferId").asText();
      String h = started.get("newRoom").asText();
      assertThat(rig.await(id, t -> !t.get("state").asText().equals("requested"), 20_000).get("state").asText())
          .isEqualTo("caller_on_hold");
      rig.join(started.get("agentBToken").asText(), bobEars);
      long bJoined = System.currentTimeMillis();

      // The briefer has spoken for a second: kill the worker that runs it, without warning.
      String first = awaitBriefer(rig, h, List.of(), 30_000);
      assertThat(bobEars.awaitAudible(first, bJoined, 100, 30_000)).as("B hears the first briefer").isTrue();
      Process holder = rig.workers().stream().filter(w -> logOf(rig, w).lines()
          .anyMatch(l -> l.contains("event=job_started") && l.contains("room=" + h))).findFirst()
          .orElseThrow(() -> new AssertionError("no worker log names " + h));
      holder.destroyForcibly(); // SIGKILL: no leave, no report, sockets just close
      long killed = System.currentTimeMillis();
      assertThat(rig.get("/transfers/" + id).get("state").asText()).as("not briefed yet when killed")
          .isIn("caller_on_hold", "agent_b_joined");

      // LiveKit notices, the service dispatches again, a surviving worker's briefer speaks to B.
      String second = awaitBriefer(rig, h, List.of(first), 90_000);
      System.out.printf("briefer %s killed; %s in H %d ms later%n", first, second, System.currentTimeMillis() - killed);
      JsonNode briefed = rig.awaitState(id, "briefed", 90_000);
      assertThat(briefed.get("state").asText()).as("timeline: " + briefed.get("timeline")).isEqualTo("briefed");
      assertThat(briefed.get("timeline").toString()).contains("briefer dispatched again");
      Thread.sleep(500);
      // Only briefers talk in H. The second joined after B, so B's Room may report its first
      // frames under an empty identity until it learns whose track they are.
      java.util.function.Predicate<String> secondBriefer = who -> who.equals(second) || who.isEmpty();
      assertThat(bobEars.audible(secondBriefer, killed, Long.MAX_VALUE)).as("B hears the second briefer")
          .hasSizeGreaterThanOrEqualTo(300);
      List<Ears.Frame> said = bobEars.audible(secondBriefer, killed, Long.MAX_VALUE);
      short[] heard = bobEars.samples(secondBriefer, said.get(0).atMs() - 300, said.get(said.size() - 1).atMs() + 300);
      String words = HeardDigits.hear(heard, ACCOUNT_GRAMMAR);
      System.out.printf("briefing: %s%nB heard after the re-dispatch (%d ms): %s%n",
          briefed.get("briefing").get("spoken").asText(), heard.length / 48, words);
      // "account", then digits of 5369 in their order: pocketsphinx over a loaded machine's audio has
      // been seen to swap or drop some ("account eight five three six", "account eight five two
      // three"), so two of the four, in order, after the word must do.
      assertThat(words).as("B heard the account number after the re-dispatch").contains("account");
      assertThat(HeardDigits.inOrderAfter(words, "account", HeardDigits.words("5369")))
          .as("digits of 5369 B heard after 'account' in: " + words).isGreaterThanOrEqualTo(2);

      // The transfer goes on: B accepts and takes the caller over.
      long accepted = System.currentTimeMillis();
      JsonNode token = rig.post("/transfers/" + id + "/accept", "");
      Room bobInR = rig.join(token.get("token").asText(), bobEars);
      bobInR.play(TestAudio.tone(800, 40_000, 48_000, 0.3), 48_000);
      assertThat(rig.awaitState(id, "completed", 30_000).get("state").asText()).isEqualTo("completed");
      assertThat(callerEars.awaitPitchedFromHumans(accepted, 800, 100, 20_000)).as("the caller hears B").isGreaterThanOrEqualTo(100);
      assertThat(rig.awaitIdentities(h, List::isEmpty, 20_000)).as("H deleted").isEmpty();
    }
  }

  @Test
  void aBriefingLongerThanTheStartDeadlineIsNotTakenForALostBriefer() throws Exception {
    // The deadline is for the briefing to start (within 12 s here, room for a loaded machine); the
    // briefing then speaks for about 18 s, past the deadline.
    String room = "e2e-long-" + UUID.randomUUID().toString().substring(0, 8);
    try (TransferRig rig = TransferRig.withWorker("e2e-long", ConfigOverride.config("transfers.briefingStartTimeout", "12s"))) {
      Ears bobEars = new Ears();
      rig.join("caller-1", room, "caller", new Ears());
      rig.join("alice", room, "agent", new Ears());
      JsonNode started = rig.startTransfer(room, "alice", "bob", Map.of("transcript", CALL));
      String id = started.get("transferId").asText();
      String h = started.get("newRoom").asText();
      rig.awaitState(id, "caller_on_hold", 20_000);
      rig.join(started.get("agentBToken").asText(), bobEars);
      long bJoined = System.currentTimeMillis();
      String briefer = awaitBriefer(rig, h, List.of(), 30_000);
      assertThat(bobEars.awaitAudible(briefer, bJoined, 100, 30_000)).as("B hears the briefer").isTrue();
      int most = 1;
      JsonNode t = rig.get("/transfers/" + id);
      long end = System.currentTimeMillis() + 60_000;
      while (!t.get("state").asText().equals("briefed") && System.currentTimeMillis() < end) {
        most = Math.max(most, (int) rig.identities(h).stream().filter(i -> i.startsWith("wt-briefer-")).count());
        Thread.sleep(250);
        t = rig.get("/transfers/" + id);
      }
      System.out.printf("briefed %d ms after B joined; timeline %s%n", System.currentTimeMillis() - bJoined, t.get("timeline"));
      assertThat(t.get("state").asText()).isEqualTo("briefed");
      List<Ears.Frame> said = bobEars.audible(briefer, bJoined, Long.MAX_VALUE);
      long spokeFor = said.get(said.size() - 1).atMs() - said.get(0).atMs();
      System.out.printf("B heard the briefer for %d ms%n", spokeFor);
      assertThat(spokeFor).as("B heard one briefing for longer than the start deadline, ms").isGreaterThan(12_000);
      assertThat(t.get("timeline").toString()).as("the briefer was never taken for lost").doesNotContain("dispatched again")
          .doesNotContain("as text");
      assertThat(most).as("briefers in H at once").isEqualTo(1);
    }
  }

  private static String awaitBriefer(TransferRig rig, String h, List<String> not, long ms) throws InterruptedException {
    List<String> in = rig.awaitIdentities(h, l -> l.stream().anyMatch(i -> i.startsWith("wt-briefer-") && !not.contains(i)), ms);
    return in.stream().filter(i -> i.startsWith("wt-briefer-") && !not.contains(i)).findFirst()
        .orElseThrow(() -> new AssertionError("no new briefer in " + h + " within " + ms + " ms; in it: " + in));
  }

  private static String logOf(TransferRig rig, Process worker) {
    try {
      return rig.workerLog(worker);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

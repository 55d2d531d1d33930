package dev.warmtransfer.service.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.testkit.TestAudio;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One warm transfer by ear, as a caller, Agent A and Agent B (the project's Java participants) live
 * it: the call, {@code POST /transfer}, B joining the handoff room and hearing the briefer, B
 * accepting and joining the caller's room. Measures the answer's latency, the briefing's first
 * audio at B and the hand-over as the caller hears it.
 */
final class TransferTrial {
  static final String TRANSCRIPT = String.join("\n",
      "Customer: Hi, I was charged twice for the same order last month.",
      "Agent: I am sorry to hear that. Can I have your account number?",
      "Customer: Yes, it is 4417, and the order number is 7781.",
      "Agent: I can see two charges of $42.00 on the 3rd of March.",
      "Customer: I already tried the refund form on the website and nothing happened.",
      "Agent: I will transfer you to billing, they can refund the second charge today.",
      "Customer: Thank you, I would like the refund on the same card please.");

  /** What one transfer measured; -1 where the step did not happen. */
  record Result(long answerMs, long holdHeardMs, long brieferReadyMs, long briefingFirstAudioMs, long holdToBMs,
      long longestSilenceMs, long holdOverBMs, long acceptToBMs, String finalState) {}

  private final BenchStack stack;

  TransferTrial(BenchStack stack) {
    this.stack = stack;
  }

  Result run(String name) throws Exception {
    String room = "bench-" + name;
    String bob = "bob-" + name;
    Heard caller = new Heard();
    Heard atB = new Heard();
    List<Room> people = new ArrayList<>();
    try {
      Room c = Room.connect(stack.livekit.wsUrl(), stack.token("caller-" + name, room, "caller"), RoomOptions.defaults(), caller);
      people.add(c);
      Room a = Room.connect(stack.livekit.wsUrl(), stack.token("alice-" + name, room, "agent"), RoomOptions.defaults(),
          new RoomListener() {});
      people.add(a);
      c.play(TestAudio.tone(400, 120_000, 48_000, 0.3), 48_000);
      a.play(TestAudio.tone(600, 120_000, 48_000, 0.3), 48_000);
      // The call assistant comes by itself once the room holds a caller and an agent; hold needs it.
      await(() -> has(room, "wt-assistant-"), 60_000);

      long asked = System.nanoTime();
      JsonNode started = stack.post("/transfer", Map.of("fromRoom", room, "agentA", "alice-" + name, "agentB", bob,
          "transcript", TRANSCRIPT));
      long answerMs = ms(System.nanoTime() - asked);
      String id = started.get("transferId").asText();
      String h = started.get("newRoom").asText();
      await(() -> caller.botAudibleCount(asked) >= 10, 60_000);
      long holdHeard = caller.firstBotAudible(asked);
      // B comes once the briefer is in H with its speech ready (JobsBench: 1.5 s to synthesize).
      boolean briefer = await(() -> has(h, "wt-briefer-"), 60_000);
      long brieferReady = briefer ? ms(System.nanoTime() - asked) : -1;
      Thread.sleep(1_500);

      Room bInH = Room.connect(stack.livekit.wsUrl(), started.get("agentBToken").asText(), RoomOptions.defaults(), atB);
      people.add(bInH);
      long connected = System.nanoTime();
      await(() -> atB.botAudibleCount(connected) >= 100, 30_000);
      long first = atB.firstBotAudible(connected);
      long briefingFirst = first == 0 ? -1 : ms(first - connected);

      long accepted = System.nanoTime();
      JsonNode join = stack.post("/transfers/" + id + "/accept", "");
      bInH.close();
      people.remove(bInH);
      Room bInR = Room.connect(join.get("wsUrl").asText(), join.get("token").asText(), RoomOptions.defaults(), new RoomListener() {});
      people.add(bInR);
      long bConnected = System.nanoTime();
      bInR.play(TestAudio.tone(Heard.B_HZ, 60_000, 48_000, 0.3), 48_000);
      await(() -> caller.firstB(accepted) != 0, 30_000);
      String state = stack.awaitState(id, 30_000, "completed", "failed", "timed_out", "caller_left");
      Thread.sleep(3_000); // whatever the caller hears after B came: hold going on over B, the line
      Heard.Handover ho = caller.handover(accepted);
      // Wall-clock times of the hand-over, to line up with the service's and the worker's logs.
      System.err.printf("handover %s transfer=%s accept_sent=%s b_connected_r=%s caller_first_b=%s%n", name, id,
          wall(accepted), wall(bConnected), ho == null ? "-" : wall(ho.firstBNanos()));
      return new Result(answerMs, holdHeard == 0 ? -1 : ms(holdHeard - asked), brieferReady, briefingFirst,
          ho == null ? -1 : ho.holdToBMs(), ho == null ? -1 : ho.longestSilenceMs(), ho == null ? -1 : ho.holdOverBMs(),
          ho == null ? -1 : ms(ho.firstBNanos() - accepted), state);
    } finally {
      people.forEach(Room::close);
    }
  }

  private boolean has(String room, String prefix) {
    try {
      return stack.identities(room).stream().anyMatch(i -> i.startsWith(prefix));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  static boolean await(Supplier<Boolean> until, long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < end) {
      if (until.get()) {
        return true;
      }
      Thread.sleep(20);
    }
    return until.get();
  }

  private static java.time.LocalTime wall(long nanos) {
    return java.time.LocalTime.now().minusNanos(System.nanoTime() - nanos);
  }

  static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}

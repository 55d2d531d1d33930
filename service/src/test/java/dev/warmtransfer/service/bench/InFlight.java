package dev.warmtransfer.service.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.bot.room.RoomOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * N transfers in flight at once: N calls (caller and Agent A, each with its call assistant) are set
 * up first; then all N are transferred together, and each B joins its handoff room, waits for the
 * briefer's voice, accepts and joins the caller's room (B's consoles connect at most 8 at a time).
 * The people publish no audio here (only the bots do), to keep the simulated side's CPU low; B in
 * the caller's room then completes the transfer after the microphone grace.
 */
final class InFlight {
  record Result(int n, int completed, Map<String, Integer> states, int briefingsHeard, List<Long> answerMs,
      long rssBeforeBytes, long rssAfterBytes, long seconds) {}

  private final BenchStack stack;
  /** Consoles joining at once: 50 WebRTC connections in the same second time out on a 2-core machine. */
  private final java.util.concurrent.Semaphore joining = new java.util.concurrent.Semaphore(8);

  InFlight(BenchStack stack) {
    this.stack = stack;
  }

  Result run(int n) throws Exception {
    List<Room> people = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(n);
    RoomOptions quiet = RoomOptions.defaults().withPublishAudio(false);
    try {
      // The calls, a few at a time: joining is not what is measured.
      ExecutorService joiners = Executors.newFixedThreadPool(4);
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String room = "flight-" + i;
        calls.add(joiners.submit(() -> {
          people.add(Room.connect(stack.livekit.wsUrl(), stack.token("caller-" + room, room, "caller"), quiet, new RoomListener() {}));
          people.add(Room.connect(stack.livekit.wsUrl(), stack.token("alice-" + room, room, "agent"),
              quiet.withAutoSubscribe(false), new RoomListener() {}));
          return null;
        }));
      }
      for (Future<?> f : calls) {
        f.get(5, TimeUnit.MINUTES);
      }
      joiners.shutdown();
      for (int i = 0; i < n; i++) {
        String room = "flight-" + i;
        TransferTrial.await(() -> {
          try {
            return stack.identities(room).stream().anyMatch(x -> x.startsWith("wt-assistant-"));
          } catch (java.io.IOException e) {
            return false;
          }
        }, 120_000);
      }
      long rssBefore = stack.serviceRssBytes();
      Map<String, Integer> states = new ConcurrentHashMap<>();
      List<Long> answers = Collections.synchronizedList(new ArrayList<>());
      List<Boolean> heard = Collections.synchronizedList(new ArrayList<>());
      long t0 = System.nanoTime();
      List<Future<?>> transfers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        transfers.add(pool.submit(() -> {
          states.merge(transfer(k, people, answers, heard), 1, Integer::sum);
          return null;
        }));
      }
      for (Future<?> f : transfers) {
        try {
          f.get(10, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
          states.merge("error: " + e.getCause().getClass().getSimpleName(), 1, Integer::sum);
          System.err.println("in-flight transfer failed: " + e.getCause());
        }
      }
      long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
      long rssAfter = stack.serviceRssBytes();
      return new Result(n, states.getOrDefault("completed", 0), new java.util.TreeMap<>(states),
          (int) heard.stream().filter(b -> b).count(), answers, rssBefore, rssAfter, seconds);
    } finally {
      pool.shutdownNow();
      synchronized (people) {
        people.forEach(Room::close);
      }
    }
  }

  private Room connect(String url, String token, RoomListener listener) throws InterruptedException {
    joining.acquire();
    try {
      return Room.connect(url, token, RoomOptions.defaults().withPublishAudio(false), listener);
    } finally {
      joining.release();
    }
  }

  private String transfer(int k, List<Room> people, List<Long> answers, List<Boolean> heard) throws Exception {
    String room = "flight-" + k;
    long asked = System.nanoTime();
    JsonNode started = stack.post("/transfer", Map.of("fromRoom", room, "agentA", "alice-" + room, "agentB", "bob-" + room,
        "transcript", TransferTrial.TRANSCRIPT));
    answers.add(TransferTrial.ms(System.nanoTime() - asked));
    String id = started.get("transferId").asText();
    stack.awaitState(id, 60_000, "caller_on_hold");
    Heard atB = new Heard();
    Room bInH = connect(stack.livekit.wsUrl(), started.get("agentBToken").asText(), atB);
    people.add(bInH);
    long connected = System.nanoTime();
    heard.add(TransferTrial.await(() -> atB.botAudibleCount(connected) >= 50, 60_000));
    JsonNode join = stack.post("/transfers/" + id + "/accept", "");
    bInH.close();
    people.add(connect(join.get("wsUrl").asText(), join.get("token").asText(), new RoomListener() {}));
    String state = stack.awaitState(id, 120_000, "completed", "failed", "timed_out", "caller_left", "canceled", "declined");
    System.err.printf("in flight %d: %s%n", k, state);
    return state;
  }
}

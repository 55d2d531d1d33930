package dev.warmtransfer.bot.bench;

import dev.warmtransfer.bot.jobs.JobTestSupport.ReportRecorder;
import dev.warmtransfer.bot.jobs.JobTestSupport;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.bot.rtc.InboundStats;
import dev.warmtransfer.bot.rtc.RtcSession;
import dev.warmtransfer.bot.worker.Offers;
import dev.warmtransfer.proto.BotInstruction;
import dev.warmtransfer.proto.BotReport;
import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.proto.HoldOn;
import dev.warmtransfer.proto.JobSpec;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.tts.EspeakSynthesizer;
import dev.warmtransfer.testkit.LiveKitServer;
import io.livekit.server.AgentDispatchServiceClient;
import io.livekit.server.RoomServiceClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One density measurement: a fresh worker process takes N calls, each a call assistant in the
 * caller's room (two people talking in turn, hold music on for the caller) and a briefer speaking
 * to Agent B in the handoff room. The simulated people live in this JVM, LiveKit in its own
 * process, the worker in a third; the worker's CPU is read from /proc for its pid alone, and audio
 * loss is measured where people hear it.
 */
final class DensityRun {
  static final int STEADY_SECONDS = Integer.parseInt(System.getenv().getOrDefault("JOBS_BENCH_STEADY_SECONDS", "15"));
  /** As long as the product's spoken briefing gets (60 words, about 22 s of espeak-ng): B hears it through the window. */
  static final String BRIEFING = "Transfer briefing. Dana Whitfield was charged twice for one order on the fourth of March "
      + "and wants the second charge of forty nine dollars ninety nine refunded to her card. Account four five one two. "
      + "She tried the website and the chat, and a promised call back never came. Please confirm the refund, give her "
      + "the date, and email the confirmation.";
  static final String BOT_TOKEN = "test-bot-token";
  /**
   * JOBS_BENCH_HOLD=off: no caller is put on hold, so each assistant only listens (most of a real
   * call); by default every caller hears hold music throughout, the worst case.
   */
  static final boolean HOLD = !"off".equals(System.getenv().getOrDefault("JOBS_BENCH_HOLD", "on"));
  /** Calls join one by one: a burst of a hundred ICE and DTLS set-ups starves everyone's signalling pings. */
  static final long JOIN_GAP_MS = Long.parseLong(System.getenv().getOrDefault("JOBS_BENCH_JOIN_GAP_MS", "300"));

  /** One row of the table. */
  record Result(int n, int missing, boolean outOfHeap, double workerCpu, long workerRss, double peopleCpu, double livekitCpu, long holdFrames,
      long holdExpected, long holdGaps, double callerConcealed, double controlConcealed, long briefFrames, double bConcealed,
      double packetLoss, double segmentsPerSecond, Map<String, Double> threads) {}

  /** Frames from bots whose identity starts with {@code prefix}: how many, how many audible, dropouts. */
  static final class Ears implements RoomListener {
    final String prefix;
    final AtomicLong frames = new AtomicLong();
    final AtomicLong audible = new AtomicLong();
    final AtomicLong gaps = new AtomicLong();
    volatile boolean counting;
    volatile String botTrack;
    private boolean wasAudible = true;

    Ears(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public void onAudio(String identity, String trackSid, short[] samples) {
      if (!identity.startsWith(prefix)) {
        return;
      }
      botTrack = trackSid;
      if (!counting) {
        return;
      }
      boolean loud = Pcm.rmsDbfs(samples, 0, samples.length) > -50;
      frames.incrementAndGet();
      if (loud) {
        audible.incrementAndGet();
      } else if (wasAudible) {
        gaps.incrementAndGet(); // hold music never falls silent: each silent run is a dropout
      }
      wasAudible = loud;
    }
  }

  private DensityRun() {}

  static Result run(LiveKitServer lk, JobsBench.Whisper whisper, int n) throws Exception {
    EspeakSynthesizer voice = new EspeakSynthesizer();
    PcmAudio callerLine = voice.render("I was charged twice on my card last month and I want it fixed.");
    PcmAudio agentLine = voice.render("I can see the second charge on your account, one moment please.");
    RoomServiceClient rooms = RoomServiceClient.createClient(lk.httpUrl(), lk.apiKey(), lk.apiSecret());
    AgentDispatchServiceClient dispatch = AgentDispatchServiceClient.createClient(lk.httpUrl(), lk.apiKey(),
        lk.apiSecret());
    String agentName = "wt-bench-" + n + "-" + System.nanoTime();
    List<Room> people = new ArrayList<>();
    List<Room> callers = new ArrayList<>();
    List<Room> bs = new ArrayList<>();
    List<Ears> allEars = new ArrayList<>();
    List<Ears> callerEars = new ArrayList<>(); // of the calls whose assistant came
    List<Ears> bEars = new ArrayList<>();
    List<String> roomNames = new ArrayList<>();
    ScheduledExecutorService talk = Executors.newScheduledThreadPool(2);
    try (ReportRecorder service = new ReportRecorder();
        BenchWorker worker = BenchWorker.start(lk, agentName, 2 * n + 10, whisper.baseUrl(), service.url(), BOT_TOKEN)) {
      for (int i = 0; i < n; i++) {
        String r = "dn-" + n + "-" + i;
        String h = r + "-transfer";
        roomNames.add(r);
        roomNames.add(h);
        rooms.createRoom(r, 300).execute();
        rooms.createRoom(h, 300).execute();
        Ears ce = new Ears("wt-assistant-");
        Room caller = join(lk, "caller", r, "caller", RoomOptions.defaults(), ce);
        Room agent = join(lk, "agent-a", r, "agent", RoomOptions.defaults().withAutoSubscribe(false), new RoomListener() {});
        people.add(caller);
        people.add(agent);
        callers.add(caller);
        allEars.add(ce);
        send(dispatch, r, agentName, JobSpec.newBuilder().setKind(JobSpec.Kind.CALL_ASSISTANT).setRoom(r).setAttempt(1).build());
        send(dispatch, h, agentName, JobSpec.newBuilder().setKind(JobSpec.Kind.BRIEFER).setRoom(h).setTransferId("T" + i)
            .setListenerIdentity("agent-b").setAttempt(1)
            .setBriefing(BriefingCard.newBuilder().setSpoken(BRIEFING).setSummary(BRIEFING).setProvider("local"))
            .build());
        long offset = i * 7_000L / n;
        talk.scheduleAtFixedRate(() -> caller.play(callerLine.samples(), callerLine.sampleRate()), offset, 9_000,
            TimeUnit.MILLISECONDS);
        talk.scheduleAtFixedRate(() -> agent.play(agentLine.samples(), agentLine.sampleRate()), offset + 4_500, 9_000,
            TimeUnit.MILLISECONDS);
        Thread.sleep(JOIN_GAP_MS);
      }
      int missing = 0;
      long deadline = System.currentTimeMillis() + 90_000; // for all the bots together
      for (int i = 0; i < n; i++) {
        String assistant = awaitBot(callers.get(i), "wt-assistant-", deadline, worker);
        if (assistant == null) {
          missing++; // set-up lost this call (a person's session dropped under load): measured without it
          continue;
        }
        callerEars.add(allEars.get(i));
        if (HOLD) {
          JobTestSupport.instruct(lk, "dn-" + n + "-" + i, assistant,
              BotInstruction.newBuilder().setHoldOn(HoldOn.newBuilder().setCallerIdentity("caller")));
        }
        Ears be = new Ears("wt-briefer-");
        Room b = join(lk, "agent-b", "dn-" + n + "-" + i + "-transfer", "agent", RoomOptions.defaults().withPublishAudio(false), be);
        people.add(b);
        bs.add(b);
        bEars.add(be);
        Thread.sleep(JOIN_GAP_MS / 2);
      }
      for (Room b : bs) {
        if (awaitBot(b, "wt-briefer-", deadline + 30_000, worker) == null) {
          missing++;
        }
      }
      Thread.sleep(2_000);

      long self = ProcessHandle.current().pid();
      long lkPid = livekitPid(self);
      List<Map<String, InboundStats>> before = stats(people);
      callerEars.forEach(e -> e.counting = true);
      bEars.forEach(e -> e.counting = true);
      long segs0 = segments(service);
      Map<String, Long> threads0 = ProcStats.cpuByThread(worker.pid());
      long w0 = ProcStats.cpuNanos(worker.pid());
      long p0 = ProcStats.cpuNanos(self);
      long l0 = lkPid > 0 ? ProcStats.cpuNanos(lkPid) : 0;
      long t0 = System.nanoTime();
      Thread.sleep(STEADY_SECONDS * 1_000L);
      worker.checkAlive();
      long wall = System.nanoTime() - t0;
      double workerCpu = 100.0 * (ProcStats.cpuNanos(worker.pid()) - w0) / wall;
      double peopleCpu = 100.0 * (ProcStats.cpuNanos(self) - p0) / wall;
      double lkCpu = lkPid > 0 ? 100.0 * (ProcStats.cpuNanos(lkPid) - l0) / wall : -1;
      Map<String, Double> threads = ProcStats.percent(threads0, ProcStats.cpuByThread(worker.pid()), wall);
      long rss = ProcStats.rssBytes(worker.pid());
      callerEars.forEach(e -> e.counting = false);
      bEars.forEach(e -> e.counting = false);
      long segs = segments(service) - segs0;
      List<Map<String, InboundStats>> after = stats(people);

      long[] loss = new long[2];
      for (int i = 0; i < people.size(); i++) {
        forEachTrack(before.get(i), after.get(i), (track, d) -> {
          loss[0] += d.packetsReceived();
          loss[1] += d.packetsLost();
        });
      }
      Map<Room, Ears> earsOf = new java.util.HashMap<>();
      for (int i = 0; i < callers.size(); i++) {
        earsOf.put(callers.get(i), allEars.get(i));
      }
      for (int i = 0; i < bs.size(); i++) {
        earsOf.put(bs.get(i), bEars.get(i));
      }
      return new Result(n, missing, worker.ranOutOfHeap(), workerCpu, rss, peopleCpu, lkCpu,
          callerEars.stream().mapToLong(e -> e.frames.get()).sum(), (long) callerEars.size() * STEADY_SECONDS * 100,
          callerEars.stream().mapToLong(e -> e.gaps.get()).sum(),
          concealed(people, callers, earsOf, true, before, after), concealed(people, callers, earsOf, false, before, after),
          bEars.stream().mapToLong(e -> e.audible.get()).sum(), concealed(people, bs, earsOf, true, before, after),
          100.0 * loss[1] / Math.max(1, loss[0] + loss[1]), segs / (double) STEADY_SECONDS, threads);
    } finally {
      talk.shutdownNow();
      for (String r : roomNames) {
        try {
          rooms.deleteRoom(r).execute(); // the jobs end with their rooms, then the worker drains at once
        } catch (Exception ignored) {
          // already gone
        }
      }
      people.forEach(Room::close);
    }
  }

  /** A simulated person joins; on a starved machine a first attempt may time out, so it gets two more. */
  private static Room join(LiveKitServer lk, String identity, String room, String role, RoomOptions options,
      RoomListener ears) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return Room.connect(lk.wsUrl(), JobTestSupport.person(lk, identity, room, role), options, ears);
      } catch (RuntimeException e) {
        if (attempt == 3) {
          throw e;
        }
        System.err.println("bench: " + identity + " could not join " + room + " (" + e.getMessage() + "), again");
        Thread.sleep(2_000);
      }
    }
  }

  /** Dispatches our agent (this bench's name) to a room with the job's spec. */
  static void send(AgentDispatchServiceClient dispatch, String room, String agentName, JobSpec spec)
      throws Exception {
    var r = dispatch.createDispatch(room, agentName, Offers.encodeSpec(spec)).execute();
    if (!r.isSuccessful()) {
      throw new IllegalStateException("dispatch to " + room + " answered " + r.code());
    }
  }

  /** The bot's identity once it is in the room this person is in; null if it never came. */
  private static String awaitBot(Room person, String prefix, long deadlineMs, BenchWorker worker) throws Exception {
    do {
      Optional<String> bot = person.remoteParticipants().stream().map(p -> p.identity())
          .filter(id -> id.startsWith(prefix)).findFirst();
      if (bot.isPresent()) {
        return bot.get();
      }
      worker.checkAlive();
      Thread.sleep(50);
    } while (System.currentTimeMillis() < deadlineMs);
    System.err.println("bench: no " + prefix + " bot in " + person.name() + " by the set-up deadline");
    return null;
  }

  private static List<Map<String, InboundStats>> stats(List<Room> people) {
    List<Map<String, InboundStats>> out = new ArrayList<>();
    for (Room p : people) {
      try {
        out.add(p.inboundAudioStatsByTrack());
      } catch (RuntimeException e) {
        out.add(null); // that person's session is down right now: left out of the sums
      }
    }
    return out;
  }

  /**
   * Concealed samples / samples played over the window at these listeners, in %: on the bot's
   * track ({@code ofBot}), or on every other track they hear (people to people, a control that
   * never passes through the worker).
   */
  private static double concealed(List<Room> people, List<Room> listeners, Map<Room, Ears> ears, boolean ofBot,
      List<Map<String, InboundStats>> before, List<Map<String, InboundStats>> after) {
    long[] sum = new long[2];
    for (Room l : listeners) {
      int i = people.indexOf(l);
      String bot = ears.get(l).botTrack;
      forEachTrack(before.get(i), after.get(i), (track, d) -> {
        if (track.equals(bot) == ofBot) {
          sum[0] += d.totalSamples();
          // Silent concealment is a pause of the sender's (a bot quiet after its briefing), not a loss.
          sum[1] += d.concealedSamples() - d.silentConcealedSamples();
        }
      });
    }
    return sum[0] == 0 ? Double.NaN : 100.0 * sum[1] / sum[0];
  }

  /** Each track's change over the window; a listener whose stats could not be read is left out. */
  private static void forEachTrack(Map<String, InboundStats> before, Map<String, InboundStats> after,
      java.util.function.BiConsumer<String, InboundStats> delta) {
    if (before == null || after == null) {
      return;
    }
    after.forEach((track, a) -> {
      InboundStats b = before.getOrDefault(track, new InboundStats(0, 0, 0, 0));
      delta.accept(track, new InboundStats(a.packetsReceived() - b.packetsReceived(),
          a.packetsLost() - b.packetsLost(), a.totalSamples() - b.totalSamples(),
          a.concealedSamples() - b.concealedSamples(), 0, 0, a.silentConcealedSamples() - b.silentConcealedSamples()));
    });
  }

  private static long segments(ReportRecorder service) {
    return service.reports.stream().filter(BotReport::hasSegment).count();
  }

  /** LiveKit is our child process (testkit starts it): its pid, or -1. */
  private static long livekitPid(long self) {
    return ProcessHandle.of(self).map(ProcessHandle::descendants).orElseGet(java.util.stream.Stream::empty)
        .filter(p -> p.info().command().map(c -> c.contains("livekit")).orElse(false))
        .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
  }
}

package dev.warmtransfer.bot.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import dev.warmtransfer.bot.assistant.CallAssistant;
import dev.warmtransfer.bot.assistant.HoldAudio;
import dev.warmtransfer.bot.briefer.Briefer;
import dev.warmtransfer.bot.jobs.JobResources;
import dev.warmtransfer.bot.jobs.JobTestSupport;
import dev.warmtransfer.bot.jobs.JobTestSupport.ReportRecorder;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.bot.rtc.RtcSession;
import dev.warmtransfer.bot.worker.Job;
import dev.warmtransfer.bot.worker.WorkerBudget;
import dev.warmtransfer.proto.BotInstruction;
import dev.warmtransfer.proto.BotReport;
import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.proto.HoldOn;
import dev.warmtransfer.proto.JobSpec;
import dev.warmtransfer.speech.SpeechConfig;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.tts.EspeakSynthesizer;
import dev.warmtransfer.testkit.LiveKitServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The jobs' benchmark, through a real LiveKit server, everything in this JVM:
 * <ol>
 *   <li>briefing first audio: Agent B joins a handoff room where the briefer waits with its speech
 *       ready; the time from B's {@code connect()} returning to B's first audible frame of it (an upper
 *       bound of "after B's media connection is up": connect() returns before ICE completes), and the
 *       briefer's own share (its ready signal to the first frame handed to WebRTC);</li>
 *   <li>density: N calls at once, each a call assistant transcribing two speakers (through a local
 *       OpenAI-compatible stand-in, so recognition costs no CPU here) and playing hold music, plus a
 *       briefer speaking to B. CPU and RSS are the whole process's, simulated people included.</li>
 * </ol>
 * Run inside the test network namespace (./warm-transfer bench jobs does).
 */
public final class JobsBench {
  private static final int STEADY_SECONDS = 15;
  private static final String BRIEFING = "Transfer briefing. The caller was charged twice for the same order and "
      + "wants the second charge refunded. Account four five one two. They have tried the website already. "
      + "Please confirm the refund and the date it will arrive.";

  public static void main(String[] args) throws Exception {
    int briefings = Integer.parseInt(System.getenv().getOrDefault("JOBS_BENCH_BRIEFINGS", "20"));
    int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {10, 25, 50};
    try (LiveKitServer lk = LiveKitServer.start(); Whisper whisper = new Whisper()) {
      String[] first = firstAudio(lk, briefings);
      List<String[]> rows = new ArrayList<>();
      for (int n : sizes) {
        try {
          rows.add(density(lk, whisper, n));
        } catch (Exception e) {
          rows.add(new String[] {Integer.toString(n), "failed: " + e, "", "", "", ""});
        }
      }
      System.out.println();
      System.out.printf("Briefing first audio at B over %d briefings (ms)%n", briefings);
      System.out.printf("%-44s %-8s %-8s %-8s%n", "", "p50", "p95", "max");
      System.out.printf("%-44s %-8s %-8s %-8s%n", "B connect() returned -> B's first audible frame", first[0], first[1], first[2]);
      System.out.printf("%-44s %-8s %-8s %-8s%n", "briefer: B's media signal -> first frame out", first[3], first[4], first[5]);
      System.out.println("target: p95 <= 150 ms after B's media connection is up");
      System.out.println();
      System.out.printf("Density: N calls = N x (call assistant hearing 2 speakers + hold music, briefer speaking to B),"
          + " one JVM, %d s steady state%n", STEADY_SECONDS);
      String row = "%-5s %-8s %-10s %-22s %-20s %-12s%n";
      System.out.printf(row, "N", "CPU", "RSS", "hold audible at caller", "RTP loss (B, caller)", "segments/s");
      rows.forEach(r -> System.out.printf(row, (Object[]) r));
      System.out.println("CPU includes the 3 simulated people per call (caller, agent A, agent B), not only the jobs.");
      System.out.println("target: 50 calls <= 150% CPU, no audible loss");
    }
    System.exit(0);
  }

  /** A local stand-in for OpenAI: transcriptions answer at once; anything else is refused (local fallback). */
  static final class Whisper implements AutoCloseable {
    final HttpServer server;
    final AtomicLong requests = new AtomicLong();

    Whisper() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.createContext("/v1/audio/transcriptions", ex -> {
        ex.getRequestBody().readAllBytes();
        requests.incrementAndGet();
        byte[] body = "{\"text\":\"I was charged twice on my card last month.\"}".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
      });
      server.createContext("/", ex -> {
        ex.getRequestBody().readAllBytes();
        ex.sendResponseHeaders(404, -1);
        ex.close();
      });
      server.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  static JobSpec brieferSpec(String room, String transferId) {
    return JobSpec.newBuilder().setKind(JobSpec.Kind.BRIEFER).setRoom(room).setTransferId(transferId)
        .setListenerIdentity("agent-b")
        .setBriefing(BriefingCard.newBuilder().setSpoken(BRIEFING).setSummary(BRIEFING).setProvider("local")).build();
  }

  /** Frames from one identity: the first audible one's arrival, and audible/total counts. */
  static final class Ears implements RoomListener {
    final String from;
    volatile long firstAudibleNanos;
    final AtomicLong frames = new AtomicLong();
    final AtomicLong audible = new AtomicLong();
    volatile boolean counting;

    Ears(String from) {
      this.from = from;
    }

    @Override
    public void onAudio(String identity, String trackSid, short[] samples) {
      if (!identity.equals(from)) {
        return;
      }
      boolean loud = Pcm.rmsDbfs(samples, 0, samples.length) > -50;
      if (loud && firstAudibleNanos == 0) {
        firstAudibleNanos = System.nanoTime();
      }
      if (counting) {
        frames.incrementAndGet();
        if (loud) {
          audible.incrementAndGet();
        }
      }
    }
  }

  static String[] firstAudio(LiveKitServer lk, int count) throws Exception {
    JobResources resources = JobTestSupport.localResources(List.of());
    long[] atB = new long[count];
    long[] botSide = new long[count];
    try (ReportRecorder service = new ReportRecorder()) {
      for (int i = 0; i < count; i++) {
        String room = "bench-brief-" + i;
        Briefer job = new Briefer(JobTestSupport.context(lk, "wt-briefer-b" + i, brieferSpec(room, "T" + i), service.client),
            resources, RoomOptions.defaults());
        job.start();
        Thread.sleep(1_500); // the briefing is spoken into memory before B comes
        Ears ears = new Ears("wt-briefer-b" + i);
        Room b = Room.connect(lk.wsUrl(), JobTestSupport.person(lk, "agent-b", room, "agent"), RoomOptions.defaults(), ears);
        long connected = System.nanoTime();
        long deadline = System.currentTimeMillis() + 10_000;
        while (ears.firstAudibleNanos == 0 && System.currentTimeMillis() < deadline) {
          Thread.sleep(5);
        }
        atB[i] = ears.firstAudibleNanos == 0 ? 10_000 : (ears.firstAudibleNanos - connected) / 1_000_000;
        job.stop("bench");
        job.done().get(10, TimeUnit.SECONDS);
        BotReport spoken = service.await(r -> r.hasBriefingSpoken(), 5_000);
        botSide[i] = spoken == null ? -1 : spoken.getBriefingSpoken().getFirstAudioMs();
        b.close();
        System.err.printf("briefing %d: at B %d ms, briefer %d ms%n", i, atB[i], botSide[i]);
      }
    }
    Arrays.sort(atB);
    Arrays.sort(botSide);
    return new String[] {Long.toString(pct(atB, 50)), Long.toString(pct(atB, 95)), Long.toString(atB[count - 1]),
        Long.toString(pct(botSide, 50)), Long.toString(pct(botSide, 95)), Long.toString(botSide[count - 1])};
  }

  static long pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  static String[] density(LiveKitServer lk, Whisper whisper, int n) throws Exception {
    SpeechConfig config = SpeechConfig.builder().apiKey("bench-key").baseUrl(whisper.baseUrl()).retries(0)
        .timeout(Duration.ofSeconds(5)).build();
    JobResources base = JobResources.create(config, HoldAudio.generate(), Duration.ofHours(1));
    JobResources resources = new JobResources(base.speech(), base.localSummarizer(), base.remoteSummarizer(),
        base.remoteSummaryInterval(), base.holdAudio(), List.of(), base.recognition(), base.synthesis(), base.summaries());
    EspeakSynthesizer voice = new EspeakSynthesizer();
    PcmAudio callerLine = voice.render("I was charged twice on my card last month and I want it fixed.");
    PcmAudio agentLine = voice.render("I can see the second charge on your account, one moment please.");
    List<Room> people = new ArrayList<>();
    List<Job> jobs = new ArrayList<>();
    List<Ears> callerEars = new ArrayList<>();
    List<Room> callers = new ArrayList<>();
    List<Room> bs = new ArrayList<>();
    ScheduledExecutorService talk = Executors.newScheduledThreadPool(2);
    AtomicLong segments = new AtomicLong();
    try (ReportRecorder service = new ReportRecorder()) {
      for (int i = 0; i < n; i++) {
        String r = "bench-call-" + n + "-" + i;
        String h = r + "-transfer";
        Ears ce = new Ears("wt-assistant-" + n + "-" + i);
        Room caller = Room.connect(lk.wsUrl(), JobTestSupport.person(lk, "caller", r, "caller"), RoomOptions.defaults(), ce);
        Room agent = Room.connect(lk.wsUrl(), JobTestSupport.person(lk, "agent-a", r, "agent"),
            RoomOptions.defaults().withAutoSubscribe(false), new RoomListener() {});
        people.add(caller);
        people.add(agent);
        callers.add(caller);
        callerEars.add(ce);
        CallAssistant assistant = new CallAssistant(JobTestSupport.context(lk, "wt-assistant-" + n + "-" + i,
            JobSpec.newBuilder().setKind(JobSpec.Kind.CALL_ASSISTANT).setRoom(r).build(), service.client), resources,
            RoomOptions.defaults());
        assistant.start();
        jobs.add(assistant);
        Briefer briefer = new Briefer(JobTestSupport.context(lk, "wt-briefer-" + n + "-" + i, brieferSpec(h, "T" + i),
            service.client), resources, RoomOptions.defaults());
        briefer.start();
        jobs.add(briefer);
        long offset = (i * 7_000L / n);
        talk.scheduleAtFixedRate(() -> caller.play(callerLine.samples(), callerLine.sampleRate()), offset, 9_000,
            TimeUnit.MILLISECONDS);
        talk.scheduleAtFixedRate(() -> agent.play(agentLine.samples(), agentLine.sampleRate()), offset + 4_500, 9_000,
            TimeUnit.MILLISECONDS);
      }
      Thread.sleep(2_000);
      for (int i = 0; i < n; i++) {
        JobTestSupport.instruct(lk, "bench-call-" + n + "-" + i, "wt-assistant-" + n + "-" + i,
            BotInstruction.newBuilder().setHoldOn(HoldOn.newBuilder().setCallerIdentity("caller")));
        Room b = Room.connect(lk.wsUrl(), JobTestSupport.person(lk, "agent-b", "bench-call-" + n + "-" + i + "-transfer",
            "agent"), RoomOptions.defaults().withPublishAudio(false), new RoomListener() {});
        people.add(b);
        bs.add(b);
      }
      Thread.sleep(4_000);
      OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      List<RtcSession.InboundStats> before = new ArrayList<>();
      for (Room p : people) {
        before.add(p.inboundAudioStats());
      }
      callerEars.forEach(e -> e.counting = true);
      long segs0 = service.reports.stream().filter(BotReport::hasSegment).count();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      Thread.sleep(STEADY_SECONDS * 1_000L);
      double cpu = 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - t0);
      callerEars.forEach(e -> e.counting = false);
      long segs = service.reports.stream().filter(BotReport::hasSegment).count() - segs0;
      long received = 0;
      long lost = 0;
      for (int i = 0; i < people.size(); i++) {
        RtcSession.InboundStats a = people.get(i).inboundAudioStats();
        received += a.packetsReceived() - before.get(i).packetsReceived();
        lost += a.packetsLost() - before.get(i).packetsLost();
      }
      long frames = callerEars.stream().mapToLong(e -> e.frames.get()).sum();
      long audible = callerEars.stream().mapToLong(e -> e.audible.get()).sum();
      long expected = (long) n * STEADY_SECONDS * 100;
      String hold = String.format("%.1f%% (%d/%d frames)", 100.0 * audible / Math.max(1, expected), audible, expected);
      String loss = String.format("%.2f%%", 100.0 * lost / Math.max(1, received + lost));
      return new String[] {Integer.toString(n), String.format("%.0f%%", cpu),
          String.format("%.0f MB", WorkerBudget.residentBytes() / 1024.0 / 1024.0), hold, loss,
          String.format("%.1f (frames %d)", segs / (double) STEADY_SECONDS, frames)};
    } finally {
      talk.shutdownNow();
      for (Job j : jobs) {
        j.stop("bench over");
      }
      for (Job j : jobs) {
        try {
          j.done().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // reported by the job's own log
        }
      }
      people.forEach(Room::close);
      resources.recognition().shutdownNow();
      resources.synthesis().shutdownNow();
      resources.summaries().shutdownNow();
    }
  }
}

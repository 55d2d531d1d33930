package dev.warmtransfer.bot.bench;

import com.sun.net.httpserver.HttpServer;
import dev.warmtransfer.bot.briefer.Briefer;
import dev.warmtransfer.bot.jobs.JobResources;
import dev.warmtransfer.bot.jobs.JobTestSupport;
import dev.warmtransfer.bot.jobs.JobTestSupport.ReportRecorder;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.proto.BotReport;
import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.proto.JobSpec;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.testkit.LiveKitServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The jobs' benchmark, through a real LiveKit server:
 * <ol>
 *   <li>briefing first audio: Agent B joins a handoff room where the briefer waits with its speech
 *       ready; the time from B's media connection coming up (its subscriber PeerConnection) to B's
 *       first audible frame of it (BriefingLatencyBench splits it into steps), and the briefer's own share (its ready signal to the first frame handed to WebRTC); all in this JVM;</li>
 *   <li>density ({@link DensityRun}): N calls at once on one real worker process, each a call
 *       assistant transcribing two speakers (through a local OpenAI-compatible stand-in, so
 *       recognition costs no CPU there) and playing hold music, plus a briefer speaking to B. The
 *       people are in this JVM, so the worker's CPU and RSS are its own.</li>
 * </ol>
 * Run inside the test network namespace (./warm-transfer bench jobs does).
 */
public final class JobsBench {
  private static final String BRIEFING = "Transfer briefing. The caller was charged twice for the same order and "
      + "wants the second charge refunded. Account four five one two. They have tried the website already. "
      + "Please confirm the refund and the date it will arrive.";

  public static void main(String[] args) throws Exception {
    // The simulated people send nothing between their lines, as a browser does: livekit-client
    // publishes microphones with Opus DTX by default. JOBS_BENCH_PEOPLE_SILENCE=1: they send
    // silence instead (the heavier, older set-up, for comparison).
    if ("1".equals(System.getenv("JOBS_BENCH_PEOPLE_SILENCE"))) {
      System.setProperty("wt.pacer.idleTicks", "-1");
    }
    int briefings = Integer.parseInt(System.getenv().getOrDefault("JOBS_BENCH_BRIEFINGS", "20"));
    int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {10, 25, 50};
    try (LiveKitServer lk = LiveKitServer.start(); Whisper whisper = new Whisper()) {
      String[] first = briefings > 0 ? firstAudio(lk, briefings) : null;
      List<DensityRun.Result> rows = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      for (int n : sizes) {
        try {
          DensityRun.Result r = DensityRun.run(lk, whisper, n);
          rows.add(r);
          System.err.println(DensityTable.row(r));
        } catch (Exception e) {
          failed.add("N = " + n + " failed: " + e);
          e.printStackTrace();
        }
      }
      if (first != null) {
        System.out.println();
        System.out.printf("Briefing first audio at B over %d briefings (ms)%n", briefings);
        System.out.printf("%-44s %-8s %-8s %-8s%n", "", "p50", "p95", "max");
        System.out.printf("%-44s %-8s %-8s %-8s%n", "B's media connection up -> first audible frame", first[0], first[1], first[2]);
        System.out.printf("%-44s %-8s %-8s %-8s%n", "briefer: B's media signal -> first frame out", first[3], first[4], first[5]);
        System.out.println("target: p95 <= 150 ms after B's media connection is up");
      }
      System.out.println();
      System.out.print(DensityTable.render(rows));
      failed.forEach(System.out::println);
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
    volatile long mediaNanos;
    volatile long firstAudibleNanos;
    final AtomicLong frames = new AtomicLong();
    final AtomicLong audible = new AtomicLong();
    volatile boolean counting;

    Ears(String from) {
      this.from = from;
    }

    @Override
    public void onMediaConnected() {
      if (mediaNanos == 0) {
        mediaNanos = System.nanoTime();
      }
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
        // From B's own media connection coming up (its subscriber PeerConnection), as the target says.
        long from = ears.mediaNanos == 0 ? connected : ears.mediaNanos;
        atB[i] = ears.firstAudibleNanos == 0 ? 10_000 : (ears.firstAudibleNanos - from) / 1_000_000;
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
}

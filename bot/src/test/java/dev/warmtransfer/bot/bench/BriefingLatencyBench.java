package dev.warmtransfer.bot.bench;

import dev.warmtransfer.bot.briefer.Briefer;
import dev.warmtransfer.bot.briefer.BriefingSteps;
import dev.warmtransfer.bot.jobs.JobResources;
import dev.warmtransfer.bot.jobs.JobTestSupport;
import dev.warmtransfer.bot.jobs.JobTestSupport.ReportRecorder;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.proto.JobSpec;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.testkit.LiveKitServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Briefing first audio at Agent B, step by step, through a real LiveKit server (one JVM, so every
 * timestamp is on one clock): B's {@code connect()} returning is time 0 (B's signalling join is
 * done, its media connections are not up yet: an honest "media connection up" can only be later);
 * then the briefer's view (B joined, B ACTIVE, LiveKit's track_subscribed, B's microphone reaching
 * it, its decision to speak, the first frame out) and B's (first frame of the briefer's track
 * decoded, first audible frame), and B's first audible frame after B's own subscriber connection came
 * up (the target's "media connection up") and after B got our track. Three rooms: B alone with the briefer; Agent A already in the
 * room (A is then the first subscriber of the briefer's voice, as in the product); A there and B
 * publishing nothing. Run inside the test network namespace.
 */
public final class BriefingLatencyBench {
  static final String BRIEFING = "Transfer briefing. The caller was charged twice for the same order and wants "
      + "the second charge refunded. Account four five one two.";

  record Run(BriefingSteps steps, long connected, long bMedia, long bTrack, long bFirstFrame, long bFirstAudible) {}

  /** B's ears: when the briefer's track reached B, its first frame, its first audible frame. */
  static final class Ears implements RoomListener {
    final String from;
    volatile long media;
    volatile long track;
    volatile long firstFrame;
    volatile long firstAudible;

    Ears(String from) {
      this.from = from;
    }

    @Override
    public void onMediaConnected() {
      if (media == 0) {
        media = System.nanoTime();
      }
    }

    @Override
    public void onTrackSubscribed(String identity, String trackSid) {
      if (identity.equals(from) && track == 0) {
        track = System.nanoTime();
      }
    }

    @Override
    public void onAudio(String identity, String trackSid, short[] samples) {
      if (!identity.equals(from)) {
        return;
      }
      long now = System.nanoTime();
      if (firstFrame == 0) {
        firstFrame = now;
      }
      if (firstAudible == 0 && Pcm.rmsDbfs(samples, 0, samples.length) > -50) {
        firstAudible = now;
      }
    }
  }

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(System.getenv().getOrDefault("BRIEFING_BENCH_RUNS", "20"));
    Map<String, List<Run>> results = new LinkedHashMap<>();
    try (LiveKitServer lk = LiveKitServer.start(); ReportRecorder service = new ReportRecorder()) {
      JobResources resources = JobTestSupport.localResources(List.of());
      String[][] cases = {{"B alone", "no", "yes"}, {"A in the room", "yes", "yes"},
          {"A in the room, B silent", "yes", "no"}};
      for (String[] c : cases) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          runs.add(once(lk, service, resources, results.size() + "-" + i, c[1].equals("yes"), c[2].equals("yes")));
        }
        results.put(c[0], runs);
      }
      resources.synthesis().shutdownNow();
      resources.recognition().shutdownNow();
      resources.summaries().shutdownNow();
    }
    System.out.println();
    System.out.printf("Briefing first audio at B, %d briefings per room: ms after B's connect() returned, p50 / p95 "
        + "(n = runs where the step was seen)%n", count);
    String row = "%-44s %-22s %-22s %-22s%n";
    List<Object> header = new ArrayList<>(List.of("step"));
    header.addAll(results.keySet());
    System.out.printf(row, header.toArray());
    line(row, results, "briefer sees B join", r -> r.steps().joined());
    line(row, results, "B's media connection up (subscriber PC)", Run::bMedia);
    line(row, results, "B gets the briefer's track (SDP)", Run::bTrack);
    line(row, results, "briefer sees B ACTIVE", r -> r.steps().active());
    line(row, results, "briefer gets track_subscribed", r -> r.steps().subscribed());
    line(row, results, "briefer gets B's microphone", r -> r.steps().listenerTrack());
    line(row, results, "briefer decides to speak", r -> r.steps().ready());
    line(row, results, "first briefing frame to WebRTC", r -> r.steps().firstFrameOut());
    line(row, results, "B decodes the briefer's first frame", Run::bFirstFrame);
    line(row, results, "B's first audible frame (> -50 dBFS)", Run::bFirstAudible);
    List<String> clipped = new ArrayList<>();
    results.values().forEach(runs -> clipped.add(runs.stream().filter(r -> r.steps().firstFrameOut() != 0
        && r.bTrack() != 0 && r.steps().firstFrameOut() < r.bTrack()).count() + " of " + runs.size()));
    System.out.printf(row, "started before B had the track (words lost)", clipped.get(0), clipped.get(1), clipped.get(2));
    StringBuilder signals = new StringBuilder();
    results.forEach((k, runs) -> {
      Map<String, Integer> n = new LinkedHashMap<>();
      runs.forEach(r -> n.merge(r.steps().signal(), 1, Integer::sum));
      signals.append(String.format("%-22s ", n.toString()));
    });
    System.out.printf("%-44s %s%n", "signal the briefer started on", signals);
    System.out.println();
    System.out.println("B's first audible frame, ms after a step at B, p50 / p95");
    System.out.printf(row, header.toArray());
    between(row, results, "after B's media connection is up", Run::bMedia);
    between(row, results, "after B got the briefer's track", Run::bTrack);
    System.out.println("target: B's first audible frame p95 <= 150 ms after B's media connection is up");
    System.exit(0);
  }

  static Run once(LiveKitServer lk, ReportRecorder service, JobResources resources, String id, boolean withA,
      boolean bPublishes) throws Exception {
    String room = "bench-briefing-" + id;
    String bot = "wt-briefer-" + id;
    Room a = withA ? Room.connect(lk.wsUrl(), JobTestSupport.person(lk, "agent-a", room, "agent"),
        RoomOptions.defaults(), new RoomListener() {}) : null;
    JobSpec spec = JobSpec.newBuilder().setKind(JobSpec.Kind.BRIEFER).setRoom(room).setTransferId("T" + id)
        .setListenerIdentity("agent-b").setAgentA("agent-a")
        .setBriefing(BriefingCard.newBuilder().setSpoken(BRIEFING).setSummary(BRIEFING).setProvider("local")).build();
    Briefer job = new Briefer(JobTestSupport.context(lk, bot, spec, service.client), resources, RoomOptions.defaults());
    job.start();
    Room b = null;
    try {
      Thread.sleep(1_500); // the briefing is spoken into memory, A (if any) hears the briefer's silence
      Ears ears = new Ears(bot);
      b = Room.connect(lk.wsUrl(), JobTestSupport.person(lk, "agent-b", room, "agent"),
          RoomOptions.defaults().withPublishAudio(bPublishes), ears);
      long connected = System.nanoTime();
      long deadline = System.currentTimeMillis() + 6_000;
      while (ears.firstAudible == 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(100);
      Run run = new Run(job.steps(), connected, ears.media, ears.track, ears.firstFrame, ears.firstAudible);
      BriefingSteps st = job.steps();
      System.err.printf("briefing %s: ms after B's connect(): joined %d, B's media up %d, B got track %d, active %d, subscribed %d, "
          + "B's mic %d, ready %d (%s), first frame out %d, B first frame %d, B first audible %d%n", id,
          ms(run, st.joined()), ms(run, ears.media), ms(run, ears.track), ms(run, st.active()), ms(run, st.subscribed()),
          ms(run, st.listenerTrack()), ms(run, st.ready()), st.signal(), ms(run, st.firstFrameOut()),
          ms(run, ears.firstFrame), ms(run, ears.firstAudible));
      return run;
    } finally {
      job.stop("bench");
      job.done().get(10, TimeUnit.SECONDS);
      if (b != null) {
        b.close();
      }
      if (a != null) {
        a.close();
      }
    }
  }

  static long ms(Run r, long at) {
    return at == 0 ? Long.MIN_VALUE : (at - r.connected()) / 1_000_000;
  }

  static void line(String row, Map<String, List<Run>> results, String step, ToLongFunction<Run> at) {
    List<String> cells = new ArrayList<>();
    for (List<Run> runs : results.values()) {
      long[] v = runs.stream().mapToLong(r -> ms(r, at.applyAsLong(r))).filter(x -> x != Long.MIN_VALUE).sorted()
          .toArray();
      cells.add(v.length == 0 ? "-" : String.format("%d / %d (n=%d)", pct(v, 50), pct(v, 95), v.length));
    }
    System.out.printf(row, step, cells.get(0), cells.get(1), cells.get(2));
  }

  static void between(String row, Map<String, List<Run>> results, String step, ToLongFunction<Run> from) {
    List<String> cells = new ArrayList<>();
    for (List<Run> runs : results.values()) {
      long[] v = runs.stream().filter(r -> from.applyAsLong(r) != 0 && r.bFirstAudible() != 0)
          .mapToLong(r -> (r.bFirstAudible() - from.applyAsLong(r)) / 1_000_000).sorted().toArray();
      cells.add(v.length == 0 ? "-" : String.format("%d / %d (n=%d)", pct(v, 50), pct(v, 95), v.length));
    }
    System.out.printf(row, step, cells.get(0), cells.get(1), cells.get(2));
  }

  static long pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}

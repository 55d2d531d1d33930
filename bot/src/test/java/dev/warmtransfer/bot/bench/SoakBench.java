package dev.warmtransfer.bot.bench;

import dev.warmtransfer.bot.jobs.JobTestSupport;
import dev.warmtransfer.bot.jobs.JobTestSupport.ReportRecorder;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.proto.BotReport;
import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.proto.JobSpec;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.tts.EspeakSynthesizer;
import dev.warmtransfer.testkit.LiveKitServer;
import io.livekit.server.AgentDispatchServiceClient;
import io.livekit.server.RoomServiceClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One worker process over many calls, as a day on the floor goes: rounds of K calls (a call
 * assistant hearing the caller, a briefer speaking to B), each round ended before the next. After
 * each round, with every job ended and a full GC, it prints what the worker holds: RSS, heap in
 * use, threads, open files. What stays after the jobs have gone is what a long day accumulates;
 * the worker's budget (WorkerBudget: 200 calls or 128 MB above its start) replaces a worker before
 * it matters. The worker runs with the launcher's JVM options (256 MB heap).
 */
public final class SoakBench {
  static final String LAUNCHER_JAVA_OPTS = "-XX:+UseSerialGC -Xms256m -Xmx256m -XX:+AlwaysPreTouch";
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  record Sample(int round, int calls, long rss, long heap, int threads, int files, Map<String, Integer> threadNames) {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    EspeakSynthesizer voice = new EspeakSynthesizer();
    PcmAudio callerLine = voice.render("I was charged twice on my card last month and I want it fixed.");
    List<Sample> samples = new ArrayList<>();
    List<Map<String, long[]>> histograms = new ArrayList<>();
    String agentName = "wt-soak-" + System.nanoTime();
    try (LiveKitServer lk = LiveKitServer.start(); JobsBench.Whisper whisper = new JobsBench.Whisper();
        ReportRecorder service = new ReportRecorder();
        BenchWorker worker = BenchWorker.start(lk, agentName, 2 * perRound + 4, whisper.baseUrl(), service.url(),
            DensityRun.BOT_TOKEN, LAUNCHER_JAVA_OPTS)) {
      RoomServiceClient rooms = RoomServiceClient.createClient(lk.httpUrl(), lk.apiKey(), lk.apiSecret());
      AgentDispatchServiceClient dispatch = AgentDispatchServiceClient.createClient(lk.httpUrl(), lk.apiKey(), lk.apiSecret());
      samples.add(sample(worker, 0, 0));
      for (int round = 1; round <= rounds; round++) {
        List<Room> people = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
          for (int i = 0; i < perRound; i++) {
            String r = "soak-" + round + "-" + i;
            String h = r + "-transfer";
            names.add(r);
            names.add(h);
            rooms.createRoom(r, 120).execute();
            rooms.createRoom(h, 120).execute();
            Room caller = Room.connect(lk.wsUrl(), JobTestSupport.person(lk, "caller", r, "caller"), RoomOptions.defaults(),
                new RoomListener() {});
            people.add(caller);
            people.add(Room.connect(lk.wsUrl(), JobTestSupport.person(lk, "agent-a", r, "agent"),
                RoomOptions.defaults().withAutoSubscribe(false), new RoomListener() {}));
            DensityRun.send(dispatch, r, agentName, JobSpec.newBuilder().setKind(JobSpec.Kind.CALL_ASSISTANT).setRoom(r).setAttempt(1).build());
            DensityRun.send(dispatch, h, agentName, JobSpec.newBuilder().setKind(JobSpec.Kind.BRIEFER).setRoom(h).setTransferId("S" + round + "-" + i)
                .setListenerIdentity("agent-b").setAttempt(1)
                .setBriefing(BriefingCard.newBuilder().setSpoken(DensityRun.BRIEFING).setSummary(DensityRun.BRIEFING).setProvider("local"))
                .build());
            people.add(Room.connect(lk.wsUrl(), JobTestSupport.person(lk, "agent-b", h, "agent"),
                RoomOptions.defaults().withPublishAudio(false), new RoomListener() {}));
            awaitBot(caller, "wt-assistant-", worker);
            caller.play(callerLine.samples(), callerLine.sampleRate());
          }
          Thread.sleep(8_000); // the callers' lines are heard and transcribed; the briefings are under way
        } finally {
          for (String name : names) {
            try {
              rooms.deleteRoom(name).execute(); // the jobs end with their rooms
            } catch (IOException gone) {
              // already gone
            }
          }
          people.forEach(Room::close);
        }
        awaitEnded(service, 2 * perRound * round, worker);
        Sample s = sample(worker, round, perRound * round);
        if (round == 1 || round == rounds) {
          histograms.add(histogram(worker.pid()));
        }
        // SOAK_BENCH_JFR=file: Flight Recorder's old-object samples, with their paths to GC roots.
        String jfr = System.getenv("SOAK_BENCH_JFR");
        if (jfr != null && round == 1) {
          jcmd(worker.pid(), "JFR.start name=soak settings=profile");
        } else if (jfr != null && round == rounds) {
          jcmd(worker.pid(), "JFR.dump name=soak path-to-gc-roots=true filename=" + Path.of(jfr).toAbsolutePath());
        }
        samples.add(s);
        System.err.printf("soak: round %d, %d calls: RSS %d MB, heap %d MB, %d threads, %d files%n", round, s.calls(),
            s.rss() >> 20, s.heap() >> 20, s.threads(), s.files());
      }
    }
    print(samples, perRound);
    if (histograms.size() == 2) {
      printGrowth(histograms.get(0), histograms.get(1));
    }
    System.exit(0);
  }

  private static void print(List<Sample> samples, int perRound) {
    System.out.printf("One worker over many calls (%d per round, each round ended before the next; after a full GC)%n", perRound);
    System.out.printf("%-8s %-8s %-10s %-12s %-9s %-8s%n", "round", "calls", "RSS MB", "heap MB", "threads", "files");
    for (Sample s : samples) {
      System.out.printf("%-8d %-8d %-10d %-12.1f %-9d %-8d%n", s.round(), s.calls(), s.rss() >> 20, s.heap() / 1048576.0,
          s.threads(), s.files());
    }
    // From the end of the first round (the worker's one-time growth) to the last.
    Sample first = samples.get(Math.min(1, samples.size() - 1));
    Sample last = samples.get(samples.size() - 1);
    int calls = Math.max(1, last.calls() - first.calls());
    System.out.printf("per call after the first round: RSS %+.1f KB, heap %+.1f KB, threads %+.2f, files %+.2f%n",
        (last.rss() - first.rss()) / 1024.0 / calls, (last.heap() - first.heap()) / 1024.0 / calls,
        (last.threads() - first.threads()) / (double) calls, (last.files() - first.files()) / (double) calls);
    last.threadNames().forEach((name, n) -> {
      int before = first.threadNames().getOrDefault(name, 0);
      if (n != before) {
        System.out.printf("threads named %s: %d after the first round, %d after the last%n", name, before, n);
      }
    });
    System.out.println("the worker's budget: replaced after 200 calls or 128 MB of RSS above its start");
  }

  private static void awaitBot(Room person, String prefix, BenchWorker worker) throws InterruptedException {
    long end = System.currentTimeMillis() + 60_000;
    while (person.remoteParticipants().stream().noneMatch(p -> p.identity().startsWith(prefix))) {
      worker.checkAlive();
      if (System.currentTimeMillis() > end) {
        throw new IllegalStateException("no " + prefix + " bot came to " + person.name());
      }
      Thread.sleep(50);
    }
  }

  private static void awaitEnded(ReportRecorder service, int jobs, BenchWorker worker) throws InterruptedException {
    long end = System.currentTimeMillis() + 60_000;
    while (service.reports.stream().filter(BotReport::hasJobEnded).count() < jobs) {
      worker.checkAlive();
      if (System.currentTimeMillis() > end) {
        throw new IllegalStateException("jobs ended: " + service.reports.stream().filter(BotReport::hasJobEnded).count()
            + " of " + jobs);
      }
      Thread.sleep(100);
    }
  }

  /** What the worker holds now, after a full collection (jcmd, from the JDK running this bench). */
  private static Sample sample(BenchWorker worker, int round, int calls) throws Exception {
    long pid = worker.pid();
    jcmd(pid, "GC.run");
    long heap = 0;
    for (String line : jcmd(pid, "GC.heap_info").split("\n")) {
      Matcher m = USED.matcher(line);
      if (line.contains("generation") && m.find()) {
        heap += Long.parseLong(m.group(1)) * 1024; // young and old (Serial GC); metaspace is reported apart
      }
    }
    int threads = 0;
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("Threads:")) {
        threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
      }
    }
    int files;
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      files = (int) fds.count();
    }
    Map<String, Integer> names = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      tasks.forEach(t -> {
        try {
          names.merge(ProcStats.fold(Files.readString(t.resolve("comm")).trim()), 1, Integer::sum);
        } catch (IOException ended) {
          // the thread ended while we read
        }
      });
    }
    return new Sample(round, calls, ProcStats.rssBytes(pid), heap, threads, files, names);
  }

  /** Live objects by class: instances and bytes (a full GC first, as jcmd does). */
  private static Map<String, long[]> histogram(long pid) throws Exception {
    Map<String, long[]> out = new TreeMap<>();
    for (String line : jcmd(pid, "GC.class_histogram").split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    return out;
  }

  /** The classes whose live bytes grew most from the first round to the last: where a leak is. */
  private static void printGrowth(Map<String, long[]> first, Map<String, long[]> last) {
    System.out.println("live objects grown most from the first round to the last (class: instances, KB)");
    last.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue()[1] - first.getOrDefault(b.getKey(), new long[2])[1],
            a.getValue()[1] - first.getOrDefault(a.getKey(), new long[2])[1]))
        .limit(12)
        .forEach(e -> {
          long[] was = first.getOrDefault(e.getKey(), new long[2]);
          System.out.printf("  %-60s %+d, %+d KB%n", e.getKey(), e.getValue()[0] - was[0], (e.getValue()[1] - was[1]) >> 10);
        });
    // Our own objects that outlive their calls name the holder's kind.
    last.forEach((name, now) -> {
      long[] was = first.getOrDefault(name, new long[2]);
      if (name.startsWith("dev.warmtransfer.") && now[0] > was[0]) {
        System.out.printf("  %-60s %+d instances%n", name, now[0] - was[0]);
      }
    });
  }

  private static String jcmd(long pid, String command) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}

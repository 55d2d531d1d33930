package dev.warmtransfer.bot.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.bot.rtc.InboundStats;
import dev.warmtransfer.bot.rtc.MediaFactories;
import dev.warmtransfer.bot.rtc.RtcSession;
import dev.warmtransfer.bot.support.Signals;
import dev.warmtransfer.bot.support.Tokens;
import dev.warmtransfer.bot.worker.WorkerBudget;
import dev.warmtransfer.speech.tts.EspeakSynthesizer;
import dev.warmtransfer.testkit.LiveKitServer;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N rooms, each with one Java publisher speaking continuously and one Java subscriber, all in this
 * JVM, through a real LiveKit server. Prints CPU of this process, RSS per participant, time from
 * the publisher's connect() to the subscriber's first audible frame, and RTP packet loss.
 * Run inside the test network namespace (./warm-transfer bench does).
 */
public final class BotBench {
  private static final int STEADY_SECONDS = 10;
  // As the bench's roles are: the subscriber publishes nothing, the publisher subscribes to nothing.
  private static final RoomOptions LISTENER = RoomOptions.defaults().withPublishAudio(false);
  private static final RoomOptions SPEAKER = RoomOptions.defaults().withAutoSubscribe(false);

  public static void main(String[] args) throws Exception {
    int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {1, 10, 25, 50};
    short[] speech = speech();
    List<String[]> rows = new ArrayList<>();
    try (LiveKitServer lk = LiveKitServer.start()) {
      // The baseline holds the JVM and WebRTC's two factories; every participant's cost is above it.
      MediaFactories.get();
      long baselineKb = rssKb();
      for (int n : sizes) {
        try {
          rows.add(run(lk, n, speech, baselineKb));
        } catch (RuntimeException e) {
          rows.add(new String[] {Integer.toString(n), "failed: " + e.getMessage(), "", "", "", "", ""});
        }
      }
    } catch (Exception e) {
      System.out.println("bot benchmark failed: " + e);
      System.exit(1);
    }
    System.out.println();
    System.out.printf("Bot: N rooms x (1 publisher speaking + 1 subscriber), one JVM, %d s steady state%n", STEADY_SECONDS);
    String row = "%-5s %-8s %-16s %-10s %-24s %-10s %-16s%n";
    System.out.printf(row, "N", "CPU", "RSS/participant", "RSS", "first audio p50/p95", "RTP loss", "frames delivered");
    for (String[] r : rows) {
      System.out.printf(row, (Object[]) r);
    }
    System.out.println("targets at N=50: CPU <= 150%, RSS <= 25 MB per participant, first audio p95 <= 700 ms, loss <= 1%");
    System.exit(0);
  }

  private static String[] run(LiveKitServer lk, int n, short[] speech, long baselineKb) throws Exception {
    List<Room> rooms = new ArrayList<>();
    long[] firstAudioMs = new long[n];
    CountDownLatch heard = new CountDownLatch(n);
    AtomicLong frames = new AtomicLong();
    try {
      List<Room> subscribers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int room = i;
        AtomicLong started = new AtomicLong();
        Room sub = Room.connect(lk.wsUrl(), Tokens.token(lk, "sub", "bench-" + n + "-" + i), LISTENER,
            new RoomListener() {
              @Override
              public void onAudio(String identity, String trackSid, short[] samples) {
                frames.incrementAndGet();
                if (firstAudioMs[room] == 0 && started.get() != 0 && Signals.audible(samples)) {
                  firstAudioMs[room] = (System.nanoTime() - started.get()) / 1_000_000;
                  heard.countDown();
                }
              }
            });
        subscribers.add(sub);
        rooms.add(sub);
        started.set(System.nanoTime());
        Room pub = Room.connect(lk.wsUrl(), Tokens.token(lk, "pub", "bench-" + n + "-" + i), SPEAKER,
            new RoomListener() {});
        rooms.add(pub);
        // Long enough to cover set-up and the steady state: speech, over and over.
        for (int k = 0; k < 6; k++) {
          pub.play(speech, 48_000);
        }
      }
      heard.await(60, TimeUnit.SECONDS);
      OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      List<InboundStats> before = new ArrayList<>();
      for (Room s : subscribers) {
        before.add(s.inboundAudioStats());
      }
      long cpu0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      Map<String, Long> threads0 = threadTicks();
      long frames0 = frames.get();
      Thread.sleep(STEADY_SECONDS * 1000L);
      long wallNs = System.nanoTime() - wall0;
      double cpuPercent = 100.0 * (os.getProcessCpuTime() - cpu0) / wallNs;
      // Every subscriber should get a 10 ms frame every 10 ms.
      double delivered = 100.0 * (frames.get() - frames0) / (n * wallNs / 10_000_000.0);
      logThreadCpu(n, threads0, threadTicks());
      long received = 0;
      long lost = 0;
      for (int i = 0; i < subscribers.size(); i++) {
        InboundStats after = subscribers.get(i).inboundAudioStats();
        received += after.packetsReceived() - before.get(i).packetsReceived();
        lost += after.packetsLost() - before.get(i).packetsLost();
      }
      // Above the baseline, so it includes what earlier rounds' closed connections still hold
      // (webrtc-java 0.14.0 never frees them): an upper bound.
      long rssKb = rssKb();
      double rssPerParticipant = (rssKb - baselineKb) / 1024.0 / (2.0 * n);
      long[] sorted = Arrays.stream(firstAudioMs).filter(v -> v > 0).sorted().toArray();
      String first = sorted.length == 0 ? "none heard"
          : sorted[sorted.length / 2] + " / " + sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.95) - 1)]
              + " ms" + (sorted.length < n ? " (" + (n - sorted.length) + " silent)" : "");
      double loss = received + lost == 0 ? 100 : 100.0 * lost / (received + lost);
      return new String[] {Integer.toString(n), String.format("%.0f%%", cpuPercent),
          String.format("%.1f MB", rssPerParticipant), String.format("%.0f MB", rssKb / 1024.0), first, String.format("%.2f%%", loss),
          String.format("%.1f%%", delivered)};
    } finally {
      for (Room r : rooms) {
        r.close();
      }
      Thread.sleep(2000);
    }
  }

  private static short[] speech() {
    return new EspeakSynthesizer().render("The customer is calling about a charge of ninety nine dollars on account "
        + "one two three four five. She has been a loyal customer for three years and would like it resolved today.")
        .resampled(48_000).samples();
  }


  /** CPU ticks per thread name (digits dropped), from /proc: WebRTC's native threads included. */
  private static Map<String, Long> threadTicks() throws Exception {
    Map<String, Long> ticks = new TreeMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path t : tasks) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+$", "#");
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
        } catch (java.io.IOException gone) {
          // thread ended meanwhile
        }
      }
    }
    return ticks;
  }

  /** Where the CPU went, to stderr (the log), biggest first: for finding what to make cheaper. */
  private static void logThreadCpu(int n, Map<String, Long> before, Map<String, Long> after) {
    StringBuilder b = new StringBuilder("N=" + n + " CPU by thread, % of one core:");
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(15)
        .forEach(e -> b.append(String.format(" %s=%.0f", e.getKey(), 100.0 * e.getValue() / (100.0 * STEADY_SECONDS))));
    System.err.println(b);
  }

  private static long rssKb() {
    return WorkerBudget.residentBytes() / 1024;
  }

}

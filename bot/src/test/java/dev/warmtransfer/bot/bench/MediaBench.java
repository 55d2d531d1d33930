package dev.warmtransfer.bot.bench;

import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.bot.rtc.InboundStats;
import dev.warmtransfer.bot.rtc.RtcSession;
import dev.warmtransfer.bot.support.Tokens;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.tts.EspeakSynthesizer;
import dev.warmtransfer.testkit.JavaProcess;
import dev.warmtransfer.testkit.LiveKitServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * WebRTC's media CPU per stream, option against option: a separate process ({@link MediaLoad})
 * publishes K streams, or subscribes to K, through the real LiveKit; its CPU is read from /proc
 * for its pid alone. The other ends live in this process: listeners for published streams (their
 * concealed samples say whether anything audible was lost), speakers for subscribed ones.
 * Variants are WebRTC options given to the load process as system properties (see
 * {@code MEDIA_BENCH_VARIANTS}: {@code name:mode[:-Dk=v,...]} separated by spaces).
 */
public final class MediaBench {
  static final String SPEECH = "The customer is calling about a charge of ninety nine dollars on account one two three "
      + "four five. She has been a loyal customer for three years and would like it resolved today.";
  private static final int STEADY_SECONDS = Integer.parseInt(System.getenv().getOrDefault("MEDIA_BENCH_SECONDS", "15"));
  private static final String DEFAULT_VARIANTS = "speak:speak speak-ptime60:speak:-Dwt.opus.ptime=60 "
      + "speak-wb:speak:-Dwt.opus.maxplaybackrate=16000 idle-silence:idle:-Dwt.pacer.idleTicks=-1 "
      + "idle-dtx:idle:-Dwt.pacer.idleTicks=-1,-Dwt.opus.usedtx=1 idle:idle listen:listen";

  record Row(String variant, int k, double cpu, double concealed, long received, double load, String top) {}

  public static void main(String[] args) throws Exception {
    int k = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    String[] variants = System.getenv().getOrDefault("MEDIA_BENCH_VARIANTS", DEFAULT_VARIANTS).trim().split("\\s+");
    int rounds = Integer.parseInt(System.getenv().getOrDefault("MEDIA_BENCH_ROUNDS", "1"));
    PcmAudio speech = new EspeakSynthesizer().render(SPEECH).resampled(48_000);
    List<Row> rows = new ArrayList<>();
    try (LiveKitServer lk = LiveKitServer.start()) {
      for (int round = 0; round < rounds; round++) {
        for (String v : variants) {
          try {
            rows.add(run(lk, v, k, speech, round));
          } catch (Exception e) {
            System.err.println("variant " + v + " failed: " + e);
            rows.add(new Row(v.split(":")[0], k, -1, -1, 0, load(), "failed: " + e.getMessage()));
          }
        }
      }
    }
    System.out.println();
    System.out.printf("WebRTC media CPU of one process with K = %d streams, %d s each (load = 1-min load average)%n", k,
        STEADY_SECONDS);
    String f = "%-16s %8s %10s %12s %10s %6s  %s%n";
    System.out.printf(f, "variant", "CPU", "per stream", "concealed", "packets", "load", "top threads");
    System.out.println("(concealed: audible samples the listeners' jitter buffers invented / samples played; packets: RTP"
        + " packets the listeners received, all streams)");
    for (Row r : rows) {
      System.out.printf(f, r.variant(), String.format("%.1f%%", r.cpu()), String.format("%.2f%%", r.cpu() / r.k()),
          r.concealed() < 0 ? "-" : String.format("%.2f%%", r.concealed()), r.received(), String.format("%.1f", r.load()), r.top());
    }
    System.exit(0);
  }

  private static Row run(LiveKitServer lk, String variant, int k, PcmAudio speech, int round) throws Exception {
    String[] parts = variant.split(":");
    String name = parts[0];
    String mode = parts[1];
    List<String> jvm = new ArrayList<>(List.of(BenchWorker.DEFAULT_JAVA_OPTS.split(" ")));
    if (parts.length > 2) {
      jvm.addAll(List.of(parts[2].split(",")));
    }
    Path log = Files.createDirectories(Path.of("target", "bench-logs")).resolve("media-" + name + ".log");
    Process p = JavaProcess.of(jvm, MediaLoad.class.getName(), List.of(lk.wsUrl(), mode)).redirectError(log.toFile()).start();
    List<Room> ends = new ArrayList<>();
    List<Thread> speakers = new ArrayList<>();
    try (OutputStream toLoad = p.getOutputStream()) {
      String prefix = "mb-" + name + "-" + round + "-";
      for (int i = 0; i < k; i++) {
        toLoad.write((Tokens.token(lk, "load", prefix + i) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      toLoad.write("\n".getBytes(StandardCharsets.UTF_8));
      toLoad.flush();
      for (int i = 0; i < k; i++) {
        if ("listen".equals(mode)) {
          Room r = Room.connect(lk.wsUrl(), Tokens.token(lk, "end", prefix + i), RoomOptions.defaults().withAutoSubscribe(false),
              new RoomListener() {});
          ends.add(r);
          Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
              r.play(speech.samples(), speech.sampleRate()).join();
            }
          });
          t.setDaemon(true);
          t.start();
          speakers.add(t);
        } else {
          ends.add(Room.connect(lk.wsUrl(), Tokens.token(lk, "end", prefix + i), RoomOptions.defaults().withPublishAudio(false),
              new RoomListener() {}));
        }
      }
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (!"ready".equals(line)) {
        throw new IllegalStateException("load process said " + line + "; see " + log);
      }
      Thread.sleep(5_000); // every stream flowing, jitter buffers settled
      List<InboundStats> before = new ArrayList<>();
      for (Room r : ends) {
        before.add(r.inboundAudioStats());
      }
      Map<String, Long> threads0 = ProcStats.cpuByThread(p.pid());
      long c0 = ProcStats.cpuNanos(p.pid());
      long t0 = System.nanoTime();
      Thread.sleep(STEADY_SECONDS * 1_000L);
      long wall = System.nanoTime() - t0;
      double cpu = 100.0 * (ProcStats.cpuNanos(p.pid()) - c0) / wall;
      Map<String, Double> split = ProcStats.percent(threads0, ProcStats.cpuByThread(p.pid()), wall);
      long total = 0;
      long concealed = 0;
      long received = 0;
      for (int i = 0; i < ends.size(); i++) {
        InboundStats a = ends.get(i).inboundAudioStats();
        total += a.totalSamples() - before.get(i).totalSamples();
        // Audible concealment only: an idle track sends nothing, and its listener's silence is no loss.
        concealed += a.concealedSamples() - a.silentConcealedSamples()
            - (before.get(i).concealedSamples() - before.get(i).silentConcealedSamples());
        received += a.packetsReceived() - before.get(i).packetsReceived();
      }
      String top = ProcStats.top(split, 4).replaceAll("\\s+", " ").trim();
      return new Row(name, k, cpu, "listen".equals(mode) ? -1 : total == 0 ? 100 : 100.0 * concealed / total, received, load(), top);
    } finally {
      speakers.forEach(Thread::interrupt);
      ends.forEach(Room::close);
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static double load() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (Exception e) {
      return -1;
    }
  }
}

package dev.warmtransfer.bot.bench;

import dev.warmtransfer.bot.assistant.CallAssistant;
import dev.warmtransfer.bot.jobs.JobTestSupport.ReportRecorder;
import dev.warmtransfer.bot.jobs.JobTestSupport;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.bot.rtc.InboundStats;
import dev.warmtransfer.bot.rtc.RtcSession;
import dev.warmtransfer.proto.BotInstruction;
import dev.warmtransfer.proto.HoldOff;
import dev.warmtransfer.proto.HoldOn;
import dev.warmtransfer.proto.JobSpec;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.testkit.LiveKitServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Hold-off to silence at the caller, through a real LiveKit server, one JVM (one clock): the
 * service's hold-off goes (LiveKit's SendData) to the call assistant and to the caller, so the
 * caller's receipt is time 0 (as in HoldTest). Silence is the first frame of the bot's track that
 * begins half a second below -50 dBFS (the hold music never stays that low that long). Each
 * hold-off is split into: the instruction reaching the bot, the bot clearing its voice, and the
 * rest (the next 10 ms tick, Opus, LiveKit, the caller's jitter buffer, its playout). The caller's
 * jitter buffer delay during the music is WebRTC's own figure. The caller publishes its
 * microphone (silence), so the assistant's loop carries its frames as in a call.
 */
public final class HoldOffBench {
  static final String BOT = "wt-assistant-holdbench";

  /** The caller's ears: the bot's frames with arrival times, and when each instruction went by. */
  static final class Ears implements RoomListener {
    record Heard(long atNanos, boolean audible) {}

    final List<Heard> heard = new CopyOnWriteArrayList<>();
    final List<Long> instructionsAt = new CopyOnWriteArrayList<>();

    @Override
    public void onAudio(String identity, String trackSid, short[] samples) {
      if (identity.equals(BOT)) {
        heard.add(new Heard(System.nanoTime(), Pcm.rmsDbfs(samples, 0, samples.length) > -50));
      }
    }

    @Override
    public void onData(String fromIdentity, String topic, byte[] payload) {
      if (topic.equals("wt.bot")) {
        instructionsAt.add(System.nanoTime());
      }
    }

    /** The first frame after {@code from} that begins 50 quiet frames in a row; -1 if none. */
    long silenceAfter(long from) {
      List<Heard> after = heard.stream().filter(h -> h.atNanos() >= from).toList();
      for (int i = 0; i + 50 <= after.size(); i++) {
        boolean quiet = true;
        for (int j = i; j < i + 50 && quiet; j++) {
          quiet = !after.get(j).audible();
        }
        if (quiet) {
          return after.get(i).atNanos();
        }
      }
      return -1;
    }
  }

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(System.getenv().getOrDefault("HOLD_BENCH_RUNS", "25"));
    List<long[]> rows = new ArrayList<>();
    List<Double> jitter = new ArrayList<>();
    String room = "bench-hold";
    Ears ears = new Ears();
    try (LiveKitServer lk = LiveKitServer.start(); ReportRecorder service = new ReportRecorder();
        Room caller = Room.connect(lk.wsUrl(), JobTestSupport.person(lk, "caller", room, "caller"),
            RoomOptions.defaults(), ears)) {
      var resources = JobTestSupport.localResources(List.of());
      CallAssistant job = new CallAssistant(JobTestSupport.context(lk, BOT,
          JobSpec.newBuilder().setKind(JobSpec.Kind.CALL_ASSISTANT).setRoom(room).build(), service.client), resources,
          RoomOptions.defaults());
      job.start();
      Thread.sleep(1_500);
      for (int i = 0; i < count; i++) {
        JobTestSupport.instruct(lk, room, List.of(BOT, "caller"),
            BotInstruction.newBuilder().setHoldOn(HoldOn.newBuilder().setCallerIdentity("caller")));
        Thread.sleep(1_000);
        InboundStats s0 = caller.inboundAudioStats();
        Thread.sleep(1_500);
        InboundStats s1 = caller.inboundAudioStats();
        jitter.add(1000 * (s1.jitterBufferDelay() - s0.jitterBufferDelay())
            / Math.max(1, s1.jitterBufferEmitted() - s0.jitterBufferEmitted()));
        int seen = ears.instructionsAt.size();
        JobTestSupport.instruct(lk, room, List.of(BOT, "caller"), BotInstruction.newBuilder()
            .setHoldOff(HoldOff.getDefaultInstance()));
        Thread.sleep(1_500);
        if (ears.instructionsAt.size() <= seen) {
          System.err.printf("hold-off %d: the caller never got the instruction%n", i);
          continue;
        }
        long at = ears.instructionsAt.get(seen);
        long silent = ears.silenceAfter(at);
        CallAssistant.HoldOffTiming bot = job.lastHoldOff();
        long[] row = {ms(at, bot.heardAtNanos()), ms(at, bot.stoppedAtNanos()), silent < 0 ? 9_999 : ms(at, silent)};
        rows.add(row);
        System.err.printf("hold-off %d: bot heard %d ms, cleared %d ms, silence at the caller %d ms; caller's jitter "
            + "buffer %.0f ms%n", i, row[0], row[1], row[2], jitter.get(jitter.size() - 1));
      }
      job.stop("bench over");
      job.done().get(10, TimeUnit.SECONDS);
      resources.synthesis().shutdownNow();
      resources.recognition().shutdownNow();
      resources.summaries().shutdownNow();
    }
    System.out.println();
    System.out.printf("Hold-off to silence at the caller over %d hold-offs: ms after the caller got the instruction%n",
        rows.size());
    String row = "%-62s %-8s %-8s %-8s%n";
    System.out.printf(row, "", "p50", "p95", "max");
    String[] names = {"the call assistant got the instruction", "the call assistant cleared its voice",
        "silence at the caller (50 frames < -50 dBFS from here)"};
    for (int c = 0; c < names.length; c++) {
      int col = c;
      long[] v = rows.stream().mapToLong(r -> r[col]).sorted().toArray();
      System.out.printf(row, names[c], pct(v, 50), pct(v, 95), v[v.length - 1]);
    }
    long[] j = jitter.stream().mapToLong(Math::round).sorted().toArray();
    System.out.printf(row, "caller's jitter buffer delay during the music (WebRTC)", pct(j, 50), pct(j, 95),
        j[j.length - 1]);
    System.out.println("target: silence at the caller within 100 ms");
    System.exit(0);
  }

  static long ms(long from, long at) {
    return at == 0 ? -1 : (at - from) / 1_000_000;
  }

  static long pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}

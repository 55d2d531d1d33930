package dev.warmtransfer.service.support;

import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.testkit.TestAudio;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What one participant hears, frame by frame with arrival times: who is audible, at what pitch. */
public final class Ears implements RoomListener {
  /** One 10 ms frame from one speaker. */
  public record Frame(long atMs, String from, short[] samples) {
    public boolean audible() {
      return Pcm.rmsDbfs(samples, 0, samples.length) > -45;
    }
  }

  private final List<Frame> frames = new CopyOnWriteArrayList<>();
  /** Data messages received, as "topic" -> payload text, in order. */
  public final java.util.concurrent.BlockingQueue<java.util.Map.Entry<String, String>> data =
      new java.util.concurrent.LinkedBlockingQueue<>();

  @Override
  public void onData(String fromIdentity, String topic, byte[] payload) {
    data.add(java.util.Map.entry(topic == null ? "" : topic, new String(payload, java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Override
  public void onAudio(String identity, String trackSid, short[] samples) {
    frames.add(new Frame(System.currentTimeMillis(), identity, samples));
  }

  /** Audible frames from {@code who} that arrived between the two times. */
  public List<Frame> audible(String who, long fromMs, long toMs) {
    List<Frame> out = new ArrayList<>();
    for (Frame f : frames) {
      if (f.from().equals(who) && f.atMs() >= fromMs && f.atMs() < toMs && f.audible()) {
        out.add(f);
      }
    }
    return out;
  }

  /** Who sent frames after {@code fromMs}: identity -> [frames, audible frames]. */
  public java.util.Map<String, String> sources(long fromMs) {
    java.util.Map<String, int[]> n = new java.util.TreeMap<>();
    for (Frame f : frames) {
      if (f.atMs() >= fromMs) {
        int[] c = n.computeIfAbsent(f.from(), k -> new int[2]);
        c[0]++;
        c[1] += f.audible() ? 1 : 0;
      }
    }
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    n.forEach((k, v) -> out.put(k, v[0] + "/" + v[1]));
    return out;
  }

  /** Audible frames after {@code fromMs} from anyone but the bots ({@code wt-} identities). */
  public List<Frame> audibleFromHumans(long fromMs) {
    List<Frame> out = new ArrayList<>();
    for (Frame f : frames) {
      if (f.atMs() >= fromMs && !f.from().startsWith("wt-") && f.audible()) {
        out.add(f);
      }
    }
    return out;
  }

  /** How many of these frames are dominated by {@code hz} (within 5 Hz). */
  public static int pitchedFrames(List<Frame> fs, double hz) {
    int n = 0;
    for (Frame f : fs) {
      if (Math.abs(TestAudio.dominant(f.samples(), 48_000, (int) hz - 100, (int) hz + 100) - hz) <= 5) {
        n++;
      }
    }
    return n;
  }

  /** The strongest frequency in these frames, to 1 Hz. */
  public static double pitch(List<Frame> fs) {
    List<short[]> parts = new ArrayList<>();
    fs.stream().limit(50).forEach(f -> parts.add(f.samples()));
    return TestAudio.dominant(TestAudio.join(parts), 48_000, 200, 1000);
  }

  /** Waits until {@code who} has been audible for {@code frames} frames after {@code fromMs}. */
  public boolean awaitAudible(String who, long fromMs, int count, long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < end) {
      if (audible(who, fromMs, Long.MAX_VALUE).size() >= count) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}

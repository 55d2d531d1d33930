package dev.warmtransfer.service.support;

import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.testkit.TestAudio;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** What one participant hears, frame by frame with arrival times: who is audible, at what pitch. */
public final class Ears implements RoomListener {
  /** One 10 ms frame from one speaker. */
  public record Frame(long atMs, String from, short[] samples) {
    public boolean audible() {
      return Pcm.rmsDbfs(samples, 0, samples.length) > -45;
    }
  }

  // Appended on WebRTC's audio thread, read by the test: a lock, not a copy of the whole list
  // per 10 ms frame as a copy-on-write list makes (many listeners in one JVM, for minutes).
  private final Deque<Frame> frames = new ArrayDeque<>();
  private final long keepMs;
  /** Data messages received, as "topic" -> payload text, in order. */
  public final java.util.concurrent.BlockingQueue<java.util.Map.Entry<String, String>> data =
      new java.util.concurrent.LinkedBlockingQueue<>();

  /** Keeps every frame heard. */
  public Ears() {
    this(Long.MAX_VALUE);
  }

  /** Keeps only the last {@code keepMs} of frames (many listeners in one JVM, for a long time). */
  public Ears(long keepMs) {
    this.keepMs = keepMs;
  }

  @Override
  public void onData(String fromIdentity, String topic, byte[] payload) {
    data.add(java.util.Map.entry(topic == null ? "" : topic, new String(payload, java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Override
  public void onAudio(String identity, String trackSid, short[] samples) {
    long now = System.currentTimeMillis();
    synchronized (frames) {
      frames.addLast(new Frame(now, identity, samples));
      while (keepMs != Long.MAX_VALUE && now - frames.peekFirst().atMs() > keepMs) {
        frames.removeFirst();
      }
    }
  }

  /** Every frame kept, in arrival order. */
  public List<Frame> frames() {
    synchronized (frames) {
      return new ArrayList<>(frames);
    }
  }

  /** Audible frames from {@code who} that arrived between the two times. */
  public List<Frame> audible(String who, long fromMs, long toMs) {
    return audible(who::equals, fromMs, toMs);
  }

  /** Audible frames from anyone {@code who} accepts that arrived between the two times. */
  public List<Frame> audible(java.util.function.Predicate<String> who, long fromMs, long toMs) {
    List<Frame> out = new ArrayList<>();
    for (Frame f : frames()) {
      if (who.test(f.from()) && f.atMs() >= fromMs && f.atMs() < toMs && f.audible()) {
        out.add(f);
      }
    }
    return out;
  }

  /** Everything {@code who} sent between the two times, as one 48 kHz signal (for a recognizer). */
  public short[] samples(String who, long fromMs, long toMs) {
    return samples(who::equals, fromMs, toMs);
  }

  /** The same from anyone {@code who} accepts. */
  public short[] samples(java.util.function.Predicate<String> who, long fromMs, long toMs) {
    List<short[]> parts = new ArrayList<>();
    for (Frame f : frames()) {
      if (who.test(f.from()) && f.atMs() >= fromMs && f.atMs() < toMs) {
        parts.add(f.samples());
      }
    }
    return TestAudio.join(parts);
  }

  /**
   * The longest stretch between {@code fromMs} and {@code toMs} in which nothing audible arrived,
   * from anyone: what the listener experiences as silence.
   */
  public long longestSilenceMs(long fromMs, long toMs) {
    long last = fromMs;
    long longest = 0;
    List<Frame> all = frames();
    all.sort(java.util.Comparator.comparingLong(Frame::atMs)); // two tracks' threads may interleave
    for (Frame f : all) {
      if (f.atMs() >= fromMs && f.atMs() <= toMs && f.audible()) {
        longest = Math.max(longest, f.atMs() - last);
        last = f.atMs();
      }
    }
    return Math.max(longest, toMs - last);
  }

  /** Who sent frames after {@code fromMs}: identity -> [frames, audible frames]. */
  public java.util.Map<String, String> sources(long fromMs) {
    java.util.Map<String, int[]> n = new java.util.TreeMap<>();
    for (Frame f : frames()) {
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
    for (Frame f : frames()) {
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

  /** When the first of these frames dominated by {@code hz} arrived; -1 if none. */
  public static long firstPitched(List<Frame> fs, double hz) {
    return fs.stream().filter(f -> pitchedFrames(List.of(f), hz) == 1).mapToLong(Frame::atMs).min().orElse(-1);
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

  /** Waits until at least {@code frames} audible frames of {@code hz} from people arrived since {@code fromMs}; returns how many. */
  public int awaitPitchedFromHumans(long fromMs, double hz, int frames, long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    int n = pitchedFrames(audibleFromHumans(fromMs), hz);
    while (n < frames && System.currentTimeMillis() < end) {
      Thread.sleep(100);
      n = pitchedFrames(audibleFromHumans(fromMs), hz);
    }
    return n;
  }
}

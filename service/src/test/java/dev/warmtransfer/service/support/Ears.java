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

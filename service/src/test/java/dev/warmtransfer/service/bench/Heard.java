package dev.warmtransfer.service.bench;

import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.testkit.TestAudio;
import java.util.ArrayList;
import java.util.List;

/**
 * What one simulated person hears, light enough for dozens at once: per 10 ms frame its arrival
 * (nanoTime), whether a bot ({@code wt-} identity) sent it, whether it was audible, and whether
 * it carries the marker tone that only Agent B plays.
 */
final class Heard implements RoomListener {
  /** Agent B's tone; the caller plays 400 Hz and Agent A 600 Hz. */
  static final double B_HZ = 800;
  private static final double AUDIBLE_DBFS = -45;

  record Frame(long atNanos, boolean fromBot, boolean audible, boolean fromB) {}

  private final List<Frame> frames = new ArrayList<>();

  @Override
  public void onAudio(String identity, String trackSid, short[] samples) {
    boolean bot = identity != null && identity.startsWith("wt-");
    boolean audible = Pcm.rmsDbfs(samples, 0, samples.length) > AUDIBLE_DBFS;
    // By pitch, not identity: a late joiner's first frames may come before its identity is known.
    boolean b = audible && !bot && isB(samples);
    Frame f = new Frame(System.nanoTime(), bot, audible, b);
    synchronized (frames) {
      frames.add(f);
    }
  }

  private static boolean isB(short[] s) {
    double b = TestAudio.power(s, B_HZ, 48_000);
    return b > 10 * TestAudio.power(s, 600, 48_000) && b > 10 * TestAudio.power(s, 400, 48_000);
  }

  List<Frame> since(long fromNanos) {
    synchronized (frames) {
      return frames.stream().filter(f -> f.atNanos() >= fromNanos).toList();
    }
  }

  /** The first audible frame from a bot after {@code fromNanos}, or 0. */
  long firstBotAudible(long fromNanos) {
    return since(fromNanos).stream().filter(f -> f.fromBot() && f.audible()).mapToLong(Frame::atNanos).findFirst().orElse(0);
  }

  int botAudibleCount(long fromNanos) {
    return (int) since(fromNanos).stream().filter(f -> f.fromBot() && f.audible()).count();
  }

  /** The first frame of B's tone after {@code fromNanos}, or 0. */
  long firstB(long fromNanos) {
    return since(fromNanos).stream().filter(Frame::fromB).mapToLong(Frame::atNanos).findFirst().orElse(0);
  }

  /**
   * The hand-over as the caller lived it, from {@code fromNanos} (B accepted): hold ends at the
   * first break of 60 ms or more in the bots' audio (hold audio is continuous; what follows it, the
   * assistant's line, is another run), and B starts at B's first frame. The caller's silence is the
   * longest stretch with nothing audible between the two. Null until B has been heard.
   */
  Handover handover(long fromNanos) {
    List<Frame> fs = since(fromNanos).stream().filter(Frame::audible).toList();
    long firstB = fs.stream().filter(Frame::fromB).mapToLong(Frame::atNanos).findFirst().orElse(0);
    if (firstB == 0) {
      return null;
    }
    long holdEnd = 0;
    long prevBot = 0;
    for (Frame f : fs) {
      if (f.fromBot()) {
        if (prevBot != 0 && f.atNanos() - prevBot >= 60_000_000L) {
          holdEnd = prevBot;
          break;
        }
        prevBot = f.atNanos();
      }
    }
    if (holdEnd == 0 && prevBot != 0 && prevBot < firstB) {
      holdEnd = prevBot; // hold ended and no bot spoke after it
    } else if (holdEnd == 0) {
      // Hold never paused after accept: it went on over B (to the end of what was recorded).
      return new Handover(firstB, prevBot == 0 ? -1 : 0, -1, prevBot == 0 ? -1 : ms(prevBot - firstB));
    }
    if (holdEnd > firstB) {
      return new Handover(firstB, 0, 0, ms(holdEnd - firstB));
    }
    long longest = 0;
    long last = holdEnd;
    for (Frame f : fs) {
      if (f.atNanos() > holdEnd && f.atNanos() <= firstB) {
        longest = Math.max(longest, f.atNanos() - last);
        last = f.atNanos();
      }
    }
    return new Handover(firstB, ms(firstB - holdEnd), ms(longest), 0);
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  /**
   * @param holdToBMs hold's last frame -> B's first frame (0 when hold was still on when B came)
   * @param longestSilenceMs nothing audible at the caller between the two (-1: hold never ended)
   * @param holdOverBMs how long hold played on after B was heard (0 when it ended before)
   */
  record Handover(long firstBNanos, long holdToBMs, long longestSilenceMs, long holdOverBMs) {}
}

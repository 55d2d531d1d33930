package dev.warmtransfer.bot.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.bot.support.Signals;
import dev.warmtransfer.bot.support.Tokens;
import dev.warmtransfer.testkit.LiveKitExtension;
import dev.warmtransfer.testkit.RequiresTestNetwork;
import dev.warmtransfer.testkit.TestAudio;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our voice sends nothing while idle (no encoder runs), and speech after a long pause still
 * reaches the listener at once and whole: checked by pitch at a real listener through LiveKit.
 */
@RequiresTestNetwork
class RoomIdleVoiceTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();

  /** Q's frames from P with their arrival time. */
  private static final class Ear implements RoomListener {
    final List<long[]> times = new ArrayList<>();
    final List<short[]> frames = new ArrayList<>();

    @Override
    public synchronized void onAudio(String identity, String trackSid, short[] samples) {
      if (identity.equals("p")) {
        times.add(new long[] {System.nanoTime()});
        frames.add(samples);
      }
    }

    /** Ms from {@code since} to the first audible frame near {@code hz} after it; -1 if none. */
    synchronized long firstHeard(long since, double hz) {
      for (int i = 0; i < frames.size(); i++) {
        if (times.get(i)[0] >= since && Signals.audible(frames.get(i))
            && Math.abs(TestAudio.dominant(frames.get(i), 48_000, 200, 1000) - hz) < 40) {
          return (times.get(i)[0] - since) / 1_000_000;
        }
      }
      return -1;
    }

    /** Of the frames arriving within {@code ms} after the first audible one after {@code since}: how many audible. */
    synchronized double audibleShare(long since, long ms) {
      long start = -1;
      int all = 0;
      int loud = 0;
      for (int i = 0; i < frames.size(); i++) {
        long t = times.get(i)[0];
        if (t < since) {
          continue;
        }
        if (start < 0 && Signals.audible(frames.get(i))) {
          start = t;
        }
        if (start >= 0 && t - start <= ms * 1_000_000) {
          all++;
          loud += Signals.audible(frames.get(i)) ? 1 : 0;
        }
      }
      return all == 0 ? 0 : (double) loud / all;
    }

    synchronized long audibleBetween(long from, long to) {
      long n = 0;
      for (int i = 0; i < frames.size(); i++) {
        long t = times.get(i)[0];
        if (t >= from && t < to && Signals.audible(frames.get(i))) {
          n++;
        }
      }
      return n;
    }
  }

  @Test
  void afterAPauseWithNothingSentTheNextWordsArriveAsPromptlyAndWhole() throws Exception {
    Ear ear = new Ear();
    String url = LIVEKIT.server().wsUrl();
    try (Room p = Room.connect(url, Tokens.token(LIVEKIT.server(), "p", "idle"), RoomOptions.defaults().withAutoSubscribe(false),
            new RoomListener() {});
        Room q = Room.connect(url, Tokens.token(LIVEKIT.server(), "q", "idle"), RoomOptions.defaults().withPublishAudio(false),
            ear)) {
      Thread.sleep(1_500); // Q subscribed, P's idle tail over
      long firstPlay = System.nanoTime();
      p.play(TestAudio.tone(440, 1_000, 48_000, 0.3), 48_000).get(10, TimeUnit.SECONDS);
      long firstEnd = System.nanoTime();
      long pushedAtEnd = p.voice().framesPushed();
      Thread.sleep(3_000);
      long idlePushed = p.voice().framesPushed() - pushedAtEnd;
      var s2 = q.inboundAudioStats();
      long secondPlay = System.nanoTime();
      p.play(TestAudio.tone(660, 2_000, 48_000, 0.3), 48_000, 0).get(10, TimeUnit.SECONDS);
      Thread.sleep(1_000);
      var s3 = q.inboundAudioStats();
      System.out.printf("jitter buffer delay before the pause %.0f ms, after it %.0f ms; samples concealed in the pause %d (silent %d), after it %d (silent %d) of %d%n",
          1000 * s2.jitterBufferDelay() / Math.max(1, s2.jitterBufferEmitted()),
          1000 * (s3.jitterBufferDelay() - s2.jitterBufferDelay()) / Math.max(1, s3.jitterBufferEmitted() - s2.jitterBufferEmitted()),
          s2.concealedSamples(), s2.silentConcealedSamples(), s3.concealedSamples() - s2.concealedSamples(),
          s3.silentConcealedSamples() - s2.silentConcealedSamples(), s3.totalSamples() - s2.totalSamples());

      long first = ear.firstHeard(firstPlay, 440);
      long second = ear.firstHeard(secondPlay, 660);
      System.out.printf("first words after joining %d ms, after a 3 s pause %d ms, frames pushed while idle %d%n", first,
          second, idlePushed);
      assertThat(idlePushed).as("10 ms frames pushed in 3 s of idle (the silent tail is 0.5 s)").isLessThanOrEqualTo(60);
      assertThat(first).as("Q heard the first tone").isPositive();
      assertThat(second).as("Q heard the tone after the pause").isPositive();
      // Not later than the first words after joining (plus scheduling slack on a shared machine).
      assertThat(second).as("ms to the tone after the pause").isLessThanOrEqualTo(Math.max(first, 200) + 150);
      assertThat(ear.audibleShare(secondPlay, 1_900)).as("audible share of the tone after the pause").isGreaterThan(0.95);
      assertThat(ear.audibleBetween(firstEnd + 400_000_000L, secondPlay)).as("audible frames during the pause").isZero();
    }
  }
}

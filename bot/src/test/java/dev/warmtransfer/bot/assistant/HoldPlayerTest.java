package dev.warmtransfer.bot.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.bot.audio.AudioPacer;
import dev.warmtransfer.speech.audio.PcmAudio;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Hold players of one worker share one clip: fifty calls must not hold fifty copies of it. */
class HoldPlayerTest {
  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  @Test
  void aSecondPlayerOfTheSameClipCostsNoCopyOfItAndPlaysTheSameMusic() {
    PcmAudio clip = HoldAudio.generate(); // 8 s at 48 kHz: 768 kB
    Executor inline = Runnable::run;
    try (AudioPacer a = new AudioPacer(); AudioPacer b = new AudioPacer()) {
      new HoldPlayer(a, clip, inline);
      long before = allocatedByThisThread();
      HoldPlayer second = new HoldPlayer(b, clip, inline);
      long allocated = allocatedByThisThread() - before;
      assertThat(allocated).as("bytes a second player allocates").isLessThan(clip.samples().length / 10);

      second.start();
      assertThat(second.playing()).isTrue();
      // What it queued is the clip's opening, as a player of its own would play it.
      short[] queued = drainFrom(b);
      assertThat(queued.length).isEqualTo(HoldPlayer.AHEAD * HoldPlayer.PIECE_MS * 48);
      assertThat(queued).isEqualTo(java.util.Arrays.copyOf(clip.samples(), queued.length));
    }
  }

  private static short[] drainFrom(AudioPacer pacer) {
    try {
      var m = AudioPacer.class.getDeclaredMethod("drain");
      m.setAccessible(true);
      return (short[]) m.invoke(pacer);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}

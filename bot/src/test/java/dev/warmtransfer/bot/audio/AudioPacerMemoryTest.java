package dev.warmtransfer.bot.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.testkit.TestAudio;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * What queueing audio costs the heap: a worker queues a whole briefing (20 s and more) per call, so
 * whole-clip copies on the way to the frames filled the heap at fifty calls.
 */
class AudioPacerMemoryTest {
  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  @Test
  void tenSecondsAt48kHzAreQueuedWithoutCopiesBesideTheFramesAndComeOutTheSame() {
    short[] tone = TestAudio.tone(440, 10_000, AudioPacer.RATE, 0.3);
    tone = java.util.Arrays.copyOf(tone, tone.length - 100); // a last frame short of 10 ms
    try (AudioPacer warm = new AudioPacer()) {
      warm.enqueue(TestAudio.tone(440, 100, AudioPacer.RATE, 0.3), AudioPacer.RATE); // classes loaded, code warm
    }
    try (AudioPacer pacer = new AudioPacer()) {
      long before = allocatedByThisThread();
      pacer.enqueue(tone, AudioPacer.RATE);
      long allocated = allocatedByThisThread() - before;

      long frameBytes = (long) pacer.queuedFrames() * AudioPacer.FRAME * 2; // what must exist: the frames
      assertThat(pacer.queuedFrames()).isEqualTo(1000);
      // Frames plus their small records and queue nodes; before, three more copies of the audio came along.
      assertThat(allocated).as("bytes allocated to queue %d bytes of frames", frameBytes).isLessThan(frameBytes * 13 / 10);
      short[] out = pacer.drain();
      assertThat(out).hasSize(1000 * AudioPacer.FRAME);
      assertThat(java.util.Arrays.copyOf(out, tone.length)).isEqualTo(tone);
      for (int i = tone.length; i < out.length; i++) {
        assertThat(out[i]).as("padding after the end").isZero();
      }
    }
  }
}

package dev.warmtransfer.bot.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.bot.support.AudioRecorder;
import dev.warmtransfer.bot.support.Tokens;
import dev.warmtransfer.bot.worker.WorkerBudget;
import dev.warmtransfer.testkit.RequiresTestNetwork;
import dev.warmtransfer.testkit.LiveKitExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * webrtc-java 0.14.0 never frees a closed PeerConnection, so every call a bot takes costs native
 * memory. This measures the cost of 50 join/leave cycles in one JVM and holds it to a bound that
 * lets a worker take {@link WorkerBudget#DEFAULT_CALLS} calls within its
 * {@link WorkerBudget#DEFAULT_GROWTH_BYTES} budget before it is recycled.
 */
@RequiresTestNetwork
class JoinLeaveMemoryTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();
  static final double MAX_MB_PER_CYCLE = (double) (WorkerBudget.DEFAULT_GROWTH_BYTES >> 20) / WorkerBudget.DEFAULT_CALLS;

  @Test
  void fiftyJoinLeaveCyclesStayWithinTheLeakBudget() throws Exception {
    cycle(0); // first use loads the native library and builds the factories
    System.gc();
    long before = WorkerBudget.residentBytes() / 1024;
    int cycles = 50;
    for (int i = 1; i <= cycles; i++) {
      cycle(i);
    }
    System.gc();
    Thread.sleep(500);
    long after = WorkerBudget.residentBytes() / 1024;
    double perCycleMb = (after - before) / 1024.0 / cycles;
    System.out.printf("join/leave cycles=%d rss_before_mb=%d rss_after_mb=%d growth_per_cycle_mb=%.2f bound_mb=%.2f%n",
        cycles, before / 1024, after / 1024, perCycleMb, MAX_MB_PER_CYCLE);
    assertThat(perCycleMb).isLessThanOrEqualTo(MAX_MB_PER_CYCLE);
  }

  private static void cycle(int i) throws Exception {
    try (Room r = Room.connect(LIVEKIT.server().wsUrl(), Tokens.token(LIVEKIT.server(), "cycler", "cycles-" + i),
        RoomOptions.defaults(), new AudioRecorder())) {
      r.play(new short[4800], 48_000).get(); // 100 ms through the pacer: the publisher really connected
    }
  }
}

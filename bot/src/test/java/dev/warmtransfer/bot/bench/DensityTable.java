package dev.warmtransfer.bot.bench;

import java.util.List;

/** The density table, and where the worker's CPU went (threads by name, numbers folded). */
final class DensityTable {
  private static final String ROW = "%-5s %-11s %-9s %-19s %-13s %-13s %-13s %-9s %-9s %-16s%n";

  private DensityTable() {}

  static String render(List<DensityRun.Result> rows) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("Density: N calls on ONE worker process (N call assistants hearing 2 speakers %s,"
        + " N briefers speaking to B), %d s steady state%n",
        DensityRun.HOLD ? "+ hold music" : "with NO hold music (JOBS_BENCH_HOLD=off)", DensityRun.STEADY_SECONDS));
    b.append(String.format(ROW, "N", "worker CPU", "worker", "hold at caller:", "concealed:", "concealed:",
        "control:", "RTP loss", "segments", "other processes"));
    b.append(String.format(ROW, "", "(/proc)", "RSS", "frames / dropouts", "hold (caller)", "briefing (B)",
        "A at caller", "(all)", "per s", "people / LiveKit"));
    for (DensityRun.Result r : rows) {
      b.append(row(r));
    }
    b.append("CPU is % of one core over the window, from /proc/<pid>/stat of that process alone; the simulated people"
        + " (3 per call) and the OpenAI stand-in run in the bench's JVM, LiveKit in its own process.\n");
    b.append("hold frames: 10 ms frames of the assistant's track the caller received / expected; a dropout is a run of"
        + " inaudible frames (< -50 dBFS) in music that never falls silent.\n");
    b.append("concealed: samples the listener's jitter buffer invented for want of a packet in time (not counting silent"
        + " ones: a bot quiet after its briefing sends nothing) / samples played, on"
        + " the bot's track; control: the same for agent A's voice at the caller, which never passes through the worker"
        + " (loss there is the listeners', LiveKit's or the machine's, not the worker's).\n");
    b.append("target: 50 calls <= 150% CPU, no audible loss\n");
    rows.stream().filter(r -> r.missing() > 0).forEach(r -> b.append(String.format(
        "* N = %d: %d bots never reached their rooms (a person's session dropped during set-up under load)%n",
        r.n(), r.missing())));
    rows.stream().filter(DensityRun.Result::outOfHeap).forEach(r -> b.append(String.format(
        "! N = %d: the worker ran out of Java heap (OutOfMemoryError in its log)%n", r.n())));
    for (DensityRun.Result r : rows) {
      b.append(String.format("%nN = %d, worker CPU by thread (%% of one core):%n", r.n()));
      b.append(ProcStats.top(r.threads(), 14));
    }
    return b.toString();
  }

  static String row(DensityRun.Result r) {
    return String.format(ROW, r.n() + (r.missing() > 0 ? "*" : "") + (r.outOfHeap() ? "!" : ""), String.format("%.0f%%", r.workerCpu()),
        String.format("%.0f MB", r.workerRss() / 1048576.0),
        String.format("%.1f%% / %d", 100.0 * r.holdFrames() / Math.max(1, r.holdExpected()), r.holdGaps()),
        String.format("%.2f%%", r.callerConcealed()), String.format("%.2f%%", r.bConcealed()),
        String.format("%.2f%%", r.controlConcealed()),
        String.format("%.2f%%", r.packetLoss()), String.format("%.1f", r.segmentsPerSecond()),
        String.format("%.0f%% / %.0f%%", r.peopleCpu(), r.livekitCpu()));
  }
}

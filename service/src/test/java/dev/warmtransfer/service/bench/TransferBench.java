package dev.warmtransfer.service.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * {@code ./warm-transfer bench transfer}: the transfer's own figures, through a real LiveKit, the
 * service as its own process and a real bot worker process, with the project's Java participants:
 * <ol>
 *   <li>{@code POST /transfer} latency, with the local providers and with an OpenAI-compatible
 *       server that takes 2 s per answer (the answer must not wait for a summary);</li>
 *   <li>per transfer, by ear: the briefing's first audio at B after B's {@code connect()} returned,
 *       and the caller's hand-over from hold to B;</li>
 *   <li>N transfers in flight at once: all complete; the service's RSS before and after.</li>
 * </ol>
 * Run inside the test network namespace (the launcher does). Settings: TRANSFER_BENCH_TRANSFERS
 * (default 20), TRANSFER_BENCH_REQUESTS (200), TRANSFER_BENCH_IN_FLIGHT (50), TRANSFER_BENCH_OPENAI_DELAY_MS (2000).
 */
public final class TransferBench {
  private static final int WARM_UP = 50;

  public static void main(String[] args) throws Exception {
    int transfers = setting("TRANSFER_BENCH_TRANSFERS", 20);
    int requests = setting("TRANSFER_BENCH_REQUESTS", 200);
    int inFlight = setting("TRANSFER_BENCH_IN_FLIGHT", 50);
    int delayMs = setting("TRANSFER_BENCH_OPENAI_DELAY_MS", 2000);
    Path logs = Path.of(System.getProperty("transferbench.logs", "run/transfer-bench"));
    try (BenchStack stack = new BenchStack(logs); SlowOpenAi slow = new SlowOpenAi(delayMs)) {
      // The answer's latency first, with no worker: dispatched briefers would only wait.
      stack.startService(slow.baseUrl(), "service-openai");
      List<Double> openAi = answers(stack, "o", requests);
      long chats = slow.chats.get();
      stack.startService(null, "service-local");
      List<Double> local = answers(stack, "l", requests);

      stack.startWorker(2 * inFlight + 10);
      List<TransferTrial.Result> results = new ArrayList<>();
      TransferTrial trial = new TransferTrial(stack);
      for (int i = 0; i < transfers; i++) {
        try {
          TransferTrial.Result r = trial.run("t" + i);
          results.add(r);
          System.err.println("transfer " + i + ": " + r);
        } catch (Exception e) {
          System.err.println("transfer " + i + " failed: " + e);
        }
      }
      InFlight.Result flight = new InFlight(stack).run(inFlight);

      System.out.println();
      System.out.printf("POST /transfer answer latency (ms), %d sequential requests after %d warm-up, each then canceled%n", requests, WARM_UP);
      String row = "%-52s %-8s %-8s %-8s%n";
      System.out.printf(row, "", "p50", "p99", "max");
      System.out.printf(row, "local providers", fmt(pct(local, 50)), fmt(pct(local, 99)), fmt(pct(local, 100)));
      System.out.printf(row, "OpenAI-compatible server answering in " + delayMs + " ms", fmt(pct(openAi, 50)),
          fmt(pct(openAi, 99)), fmt(pct(openAi, 100)));
      System.out.printf(row, "in the transfers below (local, " + results.size() + ")", fmt(pctL(results, 50, r -> r.answerMs())),
          fmt(pctL(results, 99, r -> r.answerMs())), fmt(pctL(results, 100, r -> r.answerMs())));
      System.out.printf("the slow server was asked for %d summaries meanwhile (the improver's, after the answer)%n", chats);
      System.out.println("target: p99 <= 50 ms in both cases");
      System.out.println();
      long done = results.stream().filter(r -> r.finalState().equals("completed")).count();
      System.out.printf("Transfers by ear (ms), %d of %d completed; caller, A and B are Java participants%n", done, transfers);
      System.out.printf(row, "", "p50", "p95", "max");
      printRow(row, "POST /transfer -> hold audio heard by the caller", results, TransferTrial.Result::holdHeardMs);
      printRow(row, "POST /transfer -> briefer in the handoff room", results, TransferTrial.Result::brieferReadyMs);
      printRow(row, "B connect() returned -> B's first briefing frame", results, TransferTrial.Result::briefingFirstAudioMs);
      printRow(row, "caller: longest silence, hold's end -> B", results, TransferTrial.Result::longestSilenceMs);
      printRow(row, "caller: hold's last frame -> B's first frame", results, TransferTrial.Result::holdToBMs);
      printRow(row, "caller: hold still playing over B", results, TransferTrial.Result::holdOverBMs);
      printRow(row, "caller: B accepts -> caller hears B", results, TransferTrial.Result::acceptToBMs);
      System.out.println("targets: briefing first audio p95 <= 150 ms; the caller's silence at hand-over <= 300 ms");
      System.out.println();
      System.out.printf("%d transfers in flight at once (service process RSS)%n", flight.n());
      System.out.printf("%-12s %-16s %-12s %-12s %-16s %-10s%n", "completed", "briefing heard", "RSS before", "RSS after",
          "answer p50/p99", "took");
      System.out.printf("%-12s %-16s %-12s %-12s %-16s %-10s%n", flight.completed() + "/" + flight.n(),
          flight.briefingsHeard() + "/" + flight.n(), mb(flight.rssBeforeBytes()), mb(flight.rssAfterBytes()),
          fmt(pctD(flight.answerMs(), 50)) + "/" + fmt(pctD(flight.answerMs(), 99)) + " ms", flight.seconds() + " s");
      System.out.println("end states: " + flight.states());
      System.out.println("target: all complete");
      System.out.println("logs: " + logs);
    }
    System.exit(0);
  }

  /** {@code POST /transfer} on empty rooms, one at a time with a pause, each canceled soon after. */
  private static List<Double> answers(BenchStack stack, String tag, int count) throws Exception {
    List<Double> out = new ArrayList<>();
    // A fresh service: the first requests run in the interpreter and cold caches, not what a
    // running service answers with.
    for (int i = -WARM_UP; i < count; i++) {
      // The room exists, as a call's would: the transfer's messages to it are then delivered, not retried.
      String room = "lat-" + tag + "-" + (i + WARM_UP);
      stack.createRoom(room);
      long t0 = System.nanoTime();
      JsonNode started = stack.post("/transfer", Map.of("fromRoom", room, "agentA", "alice",
          "agentB", "bob", "transcript", TransferTrial.TRANSCRIPT));
      double ms = (System.nanoTime() - t0) / 1e6;
      if (i >= 0) {
        out.add(ms);
      }
      Thread.sleep(100);
      stack.post("/transfers/" + started.get("transferId").asText() + "/cancel", "");
    }
    return out;
  }

  private static void printRow(String row, String label, List<TransferTrial.Result> rs, ToLongFunction<TransferTrial.Result> f) {
    long missing = rs.stream().filter(r -> f.applyAsLong(r) < 0).count();
    System.out.printf(row.replace("%n", "") + "%s%n", label, fmt(pctL(rs, 50, f)), fmt(pctL(rs, 95, f)), fmt(pctL(rs, 100, f)),
        missing == 0 ? "" : "  (" + missing + " not measured)");
  }

  private static double pctL(List<TransferTrial.Result> rs, int p, ToLongFunction<TransferTrial.Result> f) {
    return pctD(rs.stream().mapToLong(f).filter(v -> v >= 0).boxed().toList(), p);
  }

  private static double pctD(List<Long> xs, int p) {
    return pct(xs.stream().map(Long::doubleValue).toList(), p);
  }

  /** Nearest-rank percentile; NaN when there is nothing. */
  static double pct(List<Double> xs, int p) {
    if (xs.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    int rank = (int) Math.ceil(p / 100.0 * s.size());
    return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : v < 100 ? String.format("%.1f", v) : String.format("%.0f", v);
  }

  private static String mb(long bytes) {
    return bytes < 0 ? "-" : String.format("%.0f MB", bytes / 1024.0 / 1024.0);
  }

  private static int setting(String name, int fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : Integer.parseInt(v.strip());
  }
}

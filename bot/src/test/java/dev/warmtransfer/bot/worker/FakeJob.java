package dev.warmtransfer.bot.worker;

import dev.warmtransfer.proto.BotReport;
import dev.warmtransfer.proto.JobEnded;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A job for socket tests: no room. Before it "leaves" (completes {@link #done()}) it waits a
 * little for LiveKit to have heard of its end and remembers whether it had, which is what the
 * worker must guarantee.
 */
final class FakeJob implements Job {
  final JobContext context;
  final CountDownLatch startGate;
  final CountDownLatch started = new CountDownLatch(1);
  final AtomicBoolean stopCalled = new AtomicBoolean();
  final AtomicBoolean endKnownBeforeLeaving = new AtomicBoolean();
  private final FakeLiveKit livekit;
  private final CompletableFuture<JobOutcome> done = new CompletableFuture<>();

  FakeJob(JobContext context, FakeLiveKit livekit, CountDownLatch startGate) {
    this.context = context;
    this.livekit = livekit;
    this.startGate = startGate;
  }

  @Override
  public void start() {
    try {
      startGate.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    started.countDown();
  }

  @Override
  public void stop(String reason) {
    stopCalled.set(true);
    leave(JobOutcome.success(reason));
  }

  /** Ends by itself as a real job does when the last human left: says so, then leaves. */
  void endByItself() {
    context.reports().send(BotReport.newBuilder().setJobEnded(JobEnded.newBuilder().setReason("no human left")).build());
    leave(JobOutcome.success("no human left"));
  }

  private void leave(JobOutcome outcome) {
    try {
      endKnownBeforeLeaving.set(livekit.awaitJobStatus(context.jobId(), Duration.ofSeconds(2)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    done.complete(outcome);
  }

  @Override
  public CompletableFuture<JobOutcome> done() {
    return done;
  }
}

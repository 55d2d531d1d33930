package dev.warmtransfer.bot.worker;

import java.util.concurrent.CompletableFuture;

/**
 * One job the worker accepted: it joins its room with the assignment's token and works until it
 * is done, LiveKit terminates it, or the worker stops it. The worker decides nothing about a
 * transfer; a job receives instructions and reports facts.
 *
 * <p>Lifecycle: {@link #start()} once (joins; returns when joined or throws), then {@link #stop}
 * any number of times from any thread; {@link #done()} completes exactly once, whichever way the
 * job ended.
 *
 * <p>A job that ends by itself (no human left, the transfer ended) sends a {@code JobEnded}
 * report through its context's {@link Reports} BEFORE it leaves the room: the worker then tells
 * LiveKit the job's end (update_job) while the job is still in the room. When the worker stops a
 * job (termination, drain deadline) it has told LiveKit already.
 */
public interface Job {
  /** Joins the room and starts working; throws when the join fails (the job then counts as failed). */
  void start();

  /** Asks the job to end (termination, drain deadline, shutdown): it leaves the room within 3 s. Idempotent. */
  void stop(String reason);

  /** Completes when the job has ended, saying how; never completes exceptionally. */
  CompletableFuture<JobOutcome> done();
}

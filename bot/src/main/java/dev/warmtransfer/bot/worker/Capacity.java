package dev.warmtransfer.bot.worker;

import livekit.LivekitAgent.WorkerStatus;

/**
 * What a worker tells LiveKit about itself. LiveKit routes a job only to a worker that is
 * WS_AVAILABLE with a load below the server's {@code agents.target_load} (0.7 by default), so the
 * load stays below {@link #SAFE_LOAD} while a slot is free and the status turns WS_FULL at the
 * limit or while draining: LiveKit then offers the job to another worker instead of to us.
 */
public record Capacity(WorkerStatus status, float load, int jobCount) {
  /** Highest load reported while a slot is free: under LiveKit's default target_load of 0.7. */
  public static final float SAFE_LOAD = 0.65f;

  public Capacity {
    if (status == null) {
      throw new IllegalArgumentException("status is null");
    }
    if (load < 0 || load > 1) {
      throw new IllegalArgumentException("load outside 0..1: " + load);
    }
    if (jobCount < 0) {
      throw new IllegalArgumentException("jobCount < 0: " + jobCount);
    }
  }

  /**
   * @param jobs jobs running plus offers accepted and not yet assigned (they hold a slot)
   * @param maxJobs the worker's limit
   * @param draining true once the worker takes no new job
   */
  public static Capacity of(int jobs, int maxJobs, boolean draining) {
    if (maxJobs <= 0) {
      throw new IllegalArgumentException("maxJobs <= 0: " + maxJobs);
    }
    if (jobs < 0) {
      throw new IllegalArgumentException("jobs < 0: " + jobs);
    }
    if (draining || jobs >= maxJobs) {
      return new Capacity(WorkerStatus.WS_FULL, 1f, jobs);
    }
    return new Capacity(WorkerStatus.WS_AVAILABLE, SAFE_LOAD * jobs / maxJobs, jobs);
  }

  public boolean canTakeJob() {
    return status == WorkerStatus.WS_AVAILABLE;
  }
}

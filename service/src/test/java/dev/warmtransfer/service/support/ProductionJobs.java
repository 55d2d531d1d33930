package dev.warmtransfer.service.support;

import dev.warmtransfer.bot.jobs.StandardJobs;
import dev.warmtransfer.bot.worker.Job;
import dev.warmtransfer.bot.worker.JobContext;
import dev.warmtransfer.bot.worker.JobFactory;

/**
 * The product's jobs (StandardJobs from the environment) behind the no-argument constructor
 * WorkerMain looks for: on main, StandardJobs itself has none, so the worker cannot make it.
 */
public final class ProductionJobs implements JobFactory {
  private final StandardJobs jobs = StandardJobs.fromEnv();

  @Override
  public Job create(JobContext context) {
    return jobs.create(context);
  }
}

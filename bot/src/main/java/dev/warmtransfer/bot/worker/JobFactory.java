package dev.warmtransfer.bot.worker;

/** Makes the job a dispatch asks for (its {@code JobSpec.kind}); the worker only runs it. */
@FunctionalInterface
public interface JobFactory {
  Job create(JobContext context);
}

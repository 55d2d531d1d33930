package dev.warmtransfer.bot.jobs;

import dev.warmtransfer.bot.assistant.CallAssistant;
import dev.warmtransfer.bot.briefer.Briefer;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.bot.worker.Job;
import dev.warmtransfer.bot.worker.JobContext;
import dev.warmtransfer.bot.worker.JobFactory;
import java.util.Objects;

/**
 * The production job factory: {@code JobSpec.kind} CALL_ASSISTANT makes a {@link CallAssistant},
 * BRIEFER a {@link Briefer}. Every job of the process shares one {@link JobResources}.
 */
public final class StandardJobs implements JobFactory {
  private final JobResources resources;
  private final RoomOptions options;

  public StandardJobs(JobResources resources, RoomOptions options) {
    this.resources = Objects.requireNonNull(resources, "resources");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Speech, hold audio and summaries configured from the environment. */
  public static StandardJobs fromEnv() {
    return new StandardJobs(JobResources.fromEnv(), RoomOptions.defaults());
  }

  public JobResources resources() {
    return resources;
  }

  @Override
  public Job create(JobContext context) {
    return switch (context.spec().getKind()) {
      case CALL_ASSISTANT -> new CallAssistant(context, resources, options);
      case BRIEFER -> new Briefer(context, resources, options);
      case KIND_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException("spec.kind is not a job this worker knows: " + context.spec().getKind());
    };
  }
}

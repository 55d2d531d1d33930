package dev.warmtransfer.bot.worker;

import dev.warmtransfer.proto.BotReport;
import java.util.Objects;
import java.util.function.Consumer;

/** A job the worker runs: mutable, and touched only on the worker's loop (except {@link #reports}). */
final class RunningJob {
  final String id;
  final String identity;
  final String room;
  /** Null until the factory made it (on a job thread). */
  Job job;
  /** Set once the worker asked the job to stop. */
  String stopReason;
  /** LiveKit has heard how the job ended (or has forgotten it after a reconnect). */
  boolean marked;

  RunningJob(String id, String identity, String room) {
    this.id = Objects.requireNonNull(id, "id");
    this.identity = Objects.requireNonNull(identity, "identity");
    this.room = Objects.requireNonNull(room, "room");
  }

  /**
   * The job's reports: to the service, filled in with the job's id, room and identity; its
   * JobEnded report also goes to {@code ending} so that LiveKit hears of the end before the job
   * leaves its room. Called on the job's threads.
   */
  Reports reports(Reports service, Consumer<JobOutcome> ending) {
    return report -> {
      BotReport.Builder b = report.toBuilder();
      if (b.getJobId().isEmpty()) {
        b.setJobId(id);
      }
      if (b.getRoom().isEmpty()) {
        b.setRoom(room);
      }
      if (b.getBotIdentity().isEmpty()) {
        b.setBotIdentity(identity);
      }
      if (b.getAtMs() == 0) {
        b.setAtMs(System.currentTimeMillis());
      }
      if (report.hasJobEnded()) {
        ending.accept(new JobOutcome(report.getJobEnded().getFailed(), report.getJobEnded().getReason()));
      }
      service.send(b.build());
    };
  }
}

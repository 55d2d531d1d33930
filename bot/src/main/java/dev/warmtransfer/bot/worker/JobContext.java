package dev.warmtransfer.bot.worker;

import dev.warmtransfer.proto.BotReport;
import dev.warmtransfer.proto.JobSpec;
import java.util.Objects;

/**
 * Everything a job needs from its assignment: LiveKit's URL (OSS leaves the assignment's URL
 * empty, so it is the worker's own), the server-minted token (participant kind AGENT), the
 * identity the worker chose, what the dispatch asked for, and where to report.
 */
public record JobContext(String jobId, String url, String token, String identity, JobSpec spec, Reports reports) {
  public JobContext {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(reports, "reports");
  }

  /**
   * Sends what the job learned, in the envelope every report carries: the room (LiveKit's name once
   * joined, else the one the dispatch named), this job, this bot and the time.
   */
  public void report(String joinedRoom, BotReport.Builder report) {
    reports.send(report.setRoom(joinedRoom == null ? spec.getRoom() : joinedRoom)
        .setJobId(jobId)
        .setBotIdentity(identity)
        .setAtMs(System.currentTimeMillis())
        .build());
  }
}

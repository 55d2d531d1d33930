package dev.warmtransfer.bot.worker;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.warmtransfer.proto.JobSpec;
import dev.warmtransfer.proto.Topics;
import java.util.Base64;
import java.util.Objects;
import livekit.LivekitAgent.AvailabilityResponse;
import livekit.LivekitAgent.Job;

/**
 * How a worker answers a job offer: pure and fast, because LiveKit waits only about 3 s for the
 * answer. An accepted job joins as {@code wt-<assistant|briefer>-<jobId>} with the attributes the
 * service looks for (CONTRACT.md); anything else is declined so that LiveKit asks another worker.
 */
public final class Offers {
  /** Bot participant attribute: the LiveKit worker id that took the job. */
  public static final String ATTR_WORKER = "wt.worker";

  private Offers() {}

  /** The answer, and the decoded spec when accepted (null when declined, with the reason). */
  public record Answer(AvailabilityResponse response, JobSpec spec, String reason) {
    public Answer {
      Objects.requireNonNull(response, "response");
      Objects.requireNonNull(reason, "reason");
    }

    public boolean accepted() {
      return response.getAvailable();
    }
  }

  /**
   * @param capacity what the worker could take before this offer (a full or draining worker declines)
   */
  public static Answer answer(Job job, String workerId, Capacity capacity) {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(capacity, "capacity");
    if (!capacity.canTakeJob()) {
      return decline(job, "full or draining");
    }
    JobSpec spec;
    try {
      spec = decodeSpec(job.getMetadata());
    } catch (IllegalArgumentException e) {
      return decline(job, e.getMessage());
    }
    String kind = kindName(spec.getKind());
    AvailabilityResponse.Builder r = AvailabilityResponse.newBuilder()
        .setJobId(job.getId())
        .setAvailable(true)
        .setParticipantIdentity(identity(spec.getKind(), job.getId()))
        .setParticipantName(spec.getKind() == JobSpec.Kind.BRIEFER ? "Briefing assistant" : "Call assistant")
        .putParticipantAttributes(Topics.ATTR_ROLE, "bot")
        .putParticipantAttributes(Topics.ATTR_JOB, kind)
        .putParticipantAttributes(ATTR_WORKER, workerId);
    if (spec.getKind() == JobSpec.Kind.BRIEFER && !spec.getTransferId().isEmpty()) {
      r.putParticipantAttributes(Topics.ATTR_TRANSFER, spec.getTransferId());
    }
    return new Answer(r.build(), spec, "accepted");
  }

  /** The participant identity of a job: unique per job, and says which kind of bot it is. */
  public static String identity(JobSpec.Kind kind, String jobId) {
    if (jobId == null || jobId.isEmpty()) {
      throw new IllegalArgumentException("jobId is empty");
    }
    return "wt-" + kindName(kind) + "-" + jobId;
  }

  /** The dispatch metadata: base64 of {@link JobSpec} bytes, with a known kind. */
  public static JobSpec decodeSpec(String metadata) {
    if (metadata == null || metadata.isBlank()) {
      throw new IllegalArgumentException("metadata: empty, expected base64(JobSpec)");
    }
    JobSpec spec;
    try {
      spec = JobSpec.parseFrom(Base64.getDecoder().decode(metadata.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("metadata: not base64", e);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("metadata: not a JobSpec", e);
    }
    kindName(spec.getKind());
    return spec;
  }

  /** The dispatch metadata for a spec (what the service sends; tests use it too). */
  public static String encodeSpec(JobSpec spec) {
    return Base64.getEncoder().encodeToString(spec.toByteArray());
  }

  private static String kindName(JobSpec.Kind kind) {
    return switch (kind) {
      case CALL_ASSISTANT -> "assistant";
      case BRIEFER -> "briefer";
      default -> throw new IllegalArgumentException("metadata: job kind " + kind + " is not one we run");
    };
  }

  private static Answer decline(Job job, String reason) {
    return new Answer(AvailabilityResponse.newBuilder().setJobId(job.getId()).setAvailable(false).build(), null, reason);
  }
}

package dev.warmtransfer.service.transfer;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.warmtransfer.proto.AgentDecision;
import dev.warmtransfer.proto.BotReport;
import dev.warmtransfer.proto.BriefingSpoken;
import dev.warmtransfer.proto.Topics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bots report (protobuf {@code BotReport}): transcript segments, the running briefing,
 * B heard the briefing, B's decision. Only the bots' shared credential is accepted here, never a
 * browser's session or an API key.
 */
@Path(Topics.REPORTS_PATH)
@Produces(MediaType.APPLICATION_JSON)
public class BotReportsResource {
  private static final Logger LOG = LoggerFactory.getLogger(BotReportsResource.class);
  private final byte[] token;
  private final TransferService transfers;
  private final CallRecords calls;

  /** @param token the bots' shared secret; empty refuses every report */
  public BotReportsResource(String token, TransferService transfers, CallRecords calls) {
    this.token = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
    this.transfers = transfers;
    this.calls = calls;
  }

  @POST
  @Consumes(Topics.PROTOBUF)
  @Operation(summary = "A bot's report (internal: only the bot credential WT_BOT_TOKEN is accepted)")
  public Response report(byte[] body, @Parameter(hidden = true) @HeaderParam("Authorization") String authorization) {
    if (token.length == 0 || authorization == null || !authorization.startsWith("Bearer ")
        || !MessageDigest.isEqual(token, authorization.substring(7).getBytes(StandardCharsets.UTF_8))) {
      throw new TransferProblem(401, "the bot credential is required", "Authorization");
    }
    BotReport report;
    try {
      report = BotReport.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new TransferProblem(400, "body is not a BotReport", "body");
    }
    if (report.getRoom().isEmpty()) {
      throw new TransferProblem(400, "room is required", "room");
    }
    Instant now = transfers.now();
    switch (report.getKindCase()) {
      case SEGMENT -> {
        if (report.getSegment().getSegmentId().isEmpty()) {
          throw new TransferProblem(400, "segment.segment_id is required", "segment.segment_id");
        }
        calls.addSegment(report.getRoom(), report.getSegment(), now);
      }
      case RUNNING_BRIEFING -> calls.saveRunningBriefing(report.getRoom(), report.getRunningBriefing().getBriefing(),
          report.getRunningBriefing().getSegments(), now);
      case LISTENER_JOINED -> transfers.apply(report.getListenerJoined().getTransferId(),
          new TransferEvent.BriefingStarted(now, report.getRoom(), report.getListenerJoined().getIdentity()));
      case BRIEFING_SPOKEN -> {
        BriefingSpoken s = report.getBriefingSpoken();
        calls.briefingSpoken(s.getTransferId(), now, s.getFirstAudioMs(), s.getInterrupted(), s.getProvider());
        transfers.apply(s.getTransferId(), new TransferEvent.BriefingSpoken(now, s.getCompleted(), s.getProvider()));
      }
      case DECISION -> decision(report.getDecision(), now);
      case JOB_ENDED -> LOG.info("event=bot_job_ended room={} job={} bot={} failed={} reason=\"{}\"", report.getRoom(),
          report.getJobId(), report.getBotIdentity(), report.getJobEnded().getFailed(), report.getJobEnded().getReason());
      default -> throw new TransferProblem(400, "the report carries nothing", "kind");
    }
    return Response.noContent().build();
  }

  private void decision(AgentDecision d, Instant now) {
    Transfer t = transfers.store().find(d.getTransferId())
        .orElseThrow(() -> new TransferProblem(404, "no such transfer", "decision.transfer_id"));
    // The bot relays what B's console said; only B's own word counts.
    if (!t.agentB().equals(d.getAgentIdentity())) {
      throw new TransferProblem(403, "only agent B decides", "decision.agent_identity");
    }
    TransferEvent e = d.getAccepted()
        ? new TransferEvent.Accepted(now, d.getAgentIdentity())
        : new TransferEvent.Declined(now, d.getAgentIdentity(), d.getReason());
    transfers.apply(t.id(), e);
  }
}

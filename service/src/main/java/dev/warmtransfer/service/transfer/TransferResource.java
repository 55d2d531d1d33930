package dev.warmtransfer.service.transfer;

import dev.warmtransfer.service.api.Role;
import dev.warmtransfer.service.api.TransferRequest;
import dev.warmtransfer.service.api.TransferResponse;
import dev.warmtransfer.service.errors.FieldException;
import dev.warmtransfer.service.livekit.LiveKitRooms;
import dev.warmtransfer.service.token.TokenIssuer;
import dev.warmtransfer.speech.summary.Briefing;
import dev.warmtransfer.speech.summary.Summarizer;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's {@code /transfer}: opens the handoff room next to the caller's room, briefs from
 * the transcript, and hands both agents a token for it. The caller stays where they are.
 */
@Path("/transfer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TransferResource {
  private static final Logger LOG = LoggerFactory.getLogger(TransferResource.class);
  private final LiveKitRooms rooms;
  private final TokenIssuer tokens;
  private final Summarizer summarizer;
  private final String wsUrl;
  private final Clock clock;

  public TransferResource(LiveKitRooms rooms, TokenIssuer tokens, Summarizer summarizer, String wsUrl, Clock clock) {
    this.rooms = rooms;
    this.tokens = tokens;
    this.summarizer = summarizer;
    this.wsUrl = wsUrl;
    this.clock = clock;
  }

  @POST
  @Operation(summary = "Start a warm transfer: a handoff room for Agent A and Agent B, with a call summary")
  public TransferResponse transfer(@NotNull(message = "request body is required") @Valid TransferRequest request) {
    if (request.agentA().equals(request.agentB())) {
      throw new FieldException("agentB", "agentB must differ from agentA");
    }
    // Seed naming: <fromRoom>-transfer-<unix seconds>, kept within the 128-character name rule.
    String suffix = "-transfer-" + clock.instant().getEpochSecond();
    String from = request.fromRoom();
    String newRoom = from.substring(0, Math.min(from.length(), 128 - suffix.length())) + suffix;
    rooms.create(newRoom);
    Briefing b = summarizer.summarize(request.transcript() == null ? "" : request.transcript(), request.notes());
    LOG.info("event=transfer_started from_room={} handoff_room={} agent_a={} agent_b={} summary_provider={}",
        from, newRoom, request.agentA(), request.agentB(), b.provider().wireName());
    return new TransferResponse(
        b.summary(),
        newRoom,
        tokens.issue(request.agentA(), newRoom, null, Role.AGENT),
        tokens.issue(request.agentB(), newRoom, null, Role.AGENT),
        wsUrl);
  }
}

package dev.warmtransfer.service.transfer;

import dev.warmtransfer.service.api.ApiError;
import dev.warmtransfer.service.api.Role;
import dev.warmtransfer.service.errors.FieldException;
import dev.warmtransfer.service.token.TokenIssuer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.function.Function;

/** The transfers: read them, and Agent B's accept or decline, Agent A's cancel. */
@Path("/transfers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TransfersResource {
  private final TransferService transfers;
  private final CallRecords calls;
  private final TokenIssuer tokens;
  private final TransferAccess access;
  private final String wsUrl;

  public TransfersResource(TransferService transfers, CallRecords calls, TokenIssuer tokens, TransferAccess access, String wsUrl) {
    this.transfers = transfers;
    this.calls = calls;
    this.tokens = tokens;
    this.access = access;
    this.wsUrl = wsUrl;
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One transfer: its phase, timeline, briefing and the call's transcript",
      responses = {
        @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TransferView.class))),
        @ApiResponse(responseCode = "404", description = "no such transfer (or not one the caller may see)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
      })
  public TransferView get(@PathParam("id") String id, @Context SecurityContext security) {
    Transfer t = visible(id, security);
    return TransferView.of(t, calls.transferBriefing(t.id()).orElse(null), calls.transcript(t.fromRoom()));
  }

  @GET
  @Operation(summary = "Transfers, newest first, by room (call or handoff) and phase")
  public TransferApi.Listing list(
      @QueryParam("room") String room,
      @Parameter(schema = @Schema(allowableValues = {"requested", "caller_on_hold", "agent_b_joined", "briefed", "accepted",
          "completed", "declined", "timed_out", "canceled", "caller_left", "failed"}))
          @QueryParam("state") String state,
      @Parameter(schema = @Schema(minimum = "1", maximum = "500")) @QueryParam("limit") @DefaultValue("50") String limit,
      @Context SecurityContext security) {
    Phase phase;
    try {
      phase = state == null ? null : Phase.fromWire(state);
    } catch (IllegalArgumentException e) {
      throw new FieldException("state", "state must be one of the transfer phases (e.g. caller_on_hold)");
    }
    int n;
    try {
      n = Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > 500) {
      throw new FieldException("limit", "limit must be a whole number from 1 to 500");
    }
    return new TransferApi.Listing(transfers.store().list(room == null || room.isBlank() ? null : room, phase, n).stream()
        .filter(t -> access.maySee(security, t))
        .map(t -> TransferView.of(t, null, null))
        .toList());
  }

  @POST
  @Path("/{id}/accept")
  @Operation(summary = "Agent B accepts: B's token for the room where B meets the caller",
      responses = {
        @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TransferApi.Join.class))),
        @ApiResponse(responseCode = "409", description = "the transfer already ended another way",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
      })
  public TransferApi.Join accept(@PathParam("id") String id, @Context SecurityContext security) {
    Transfer t = visible(id, security);
    access.requireAgentB(security, t);
    Transfer after = decide(id, x -> new TransferEvent.Accepted(transfers.now(), access.who(security, t.agentB())));
    if (after.phase() != Phase.ACCEPTED && after.phase() != Phase.COMPLETED) {
      throw conflict(after);
    }
    String room = after.mode() == Mode.JOIN_CALLER ? after.fromRoom() : after.newRoom();
    return new TransferApi.Join(room, tokens.issue(after.agentB(), room, null, Role.AGENT), wsUrl);
  }

  @POST
  @Path("/{id}/decline")
  @Operation(summary = "Agent B declines, with a reason; the caller goes back to Agent A")
  public TransferView decline(@PathParam("id") String id, @Valid TransferApi.Decision body, @Context SecurityContext security) {
    Transfer t = visible(id, security);
    access.requireAgentB(security, t);
    String reason = body == null ? null : body.reason();
    Transfer after = decide(id, x -> new TransferEvent.Declined(transfers.now(), access.who(security, t.agentB()), reason));
    if (after.phase() != Phase.DECLINED) {
      throw conflict(after);
    }
    return TransferView.of(after, calls.transferBriefing(id).orElse(null), null);
  }

  @POST
  @Path("/{id}/cancel")
  @Operation(summary = "Agent A cancels; the caller comes back to Agent A")
  public TransferView cancel(@PathParam("id") String id, @Context SecurityContext security) {
    Transfer t = visible(id, security);
    access.requireAgentA(security, t);
    Transfer after = decide(id, x -> new TransferEvent.Canceled(transfers.now(), access.who(security, t.agentA()), null));
    if (after.phase() != Phase.CANCELED) {
      throw conflict(after);
    }
    return TransferView.of(after, calls.transferBriefing(id).orElse(null), null);
  }

  private Transfer decide(String id, Function<Transfer, TransferEvent> event) {
    return transfers.apply(id, event.apply(null)).orElseThrow(() -> notFound());
  }

  private Transfer visible(String id, SecurityContext security) {
    Transfer t = transfers.store().find(id).orElseThrow(TransfersResource::notFound);
    if (!access.maySee(security, t)) {
      throw notFound();
    }
    return t;
  }

  static TransferProblem notFound() {
    return new TransferProblem(404, "no such transfer", "id");
  }

  static TransferProblem conflict(Transfer t) {
    return new TransferProblem(409, "the transfer is " + t.phase().wireName() + ": " + t.reason(), "state");
  }
}

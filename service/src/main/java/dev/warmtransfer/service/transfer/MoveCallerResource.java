package dev.warmtransfer.service.transfer;

import dev.warmtransfer.service.api.Role;
import dev.warmtransfer.service.token.TokenIssuer;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The seed's "move caller": a token for the handoff room, and the caller's page is told over a
 * data message ({@code wt.move}) so the caller really moves. Agent A leaves once the caller is there.
 */
@Path("/move-caller")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MoveCallerResource {
  private final TransferService transfers;
  private final TokenIssuer tokens;
  private final TransferAccess access;
  private final String wsUrl;

  public MoveCallerResource(TransferService transfers, TokenIssuer tokens, TransferAccess access, String wsUrl) {
    this.transfers = transfers;
    this.tokens = tokens;
    this.access = access;
    this.wsUrl = wsUrl;
  }

  @POST
  @Operation(summary = "Move the caller into the handoff room (the seed's mode): the caller's page gets the token too")
  public TransferApi.Token move(@NotNull(message = "request body is required") @Valid TransferApi.MoveCaller request,
      @Context SecurityContext security) {
    Transfer t = transfers.store().findByNewRoom(request.newRoom()).orElseThrow(
        () -> new TransferProblem(404, "no transfer has this handoff room", "newRoom"));
    if (!access.maySee(security, t)) {
      throw new TransferProblem(404, "no transfer has this handoff room", "newRoom");
    }
    access.requireAgentA(security, t);
    if (t.callerIdentity() != null && !t.callerIdentity().equals(request.callerIdentity())) {
      throw new TransferProblem(400, "callerIdentity is not this transfer's caller", "callerIdentity");
    }
    if (t.callerIdentity() == null) {
      transfers.apply(t.id(), new TransferEvent.HoldPlaced(transfers.now(), request.callerIdentity()));
    }
    Transfer after = transfers.apply(t.id(), new TransferEvent.MoveRequested(transfers.now(), access.who(security, t.agentA())))
        .orElseThrow(TransfersResource::notFound);
    if (after.phase() != Phase.ACCEPTED && after.phase() != Phase.COMPLETED) {
      throw TransfersResource.conflict(after);
    }
    return new TransferApi.Token(tokens.issue(request.callerIdentity(), request.newRoom(), null, Role.CALLER), wsUrl);
  }
}

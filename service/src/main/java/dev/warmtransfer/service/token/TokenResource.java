package dev.warmtransfer.service.token;

import dev.warmtransfer.service.api.Role;
import dev.warmtransfer.service.api.TokenRequest;
import dev.warmtransfer.service.api.TokenResponse;
import dev.warmtransfer.service.auth.Actor;
import dev.warmtransfer.service.auth.AuthFailure;
import dev.warmtransfer.service.auth.ReservedIdentities;
import dev.warmtransfer.service.auth.Right;
import dev.warmtransfer.service.auth.RoomMembers;
import dev.warmtransfer.service.calls.WaitingCalls;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's {@code /token}, now asking who calls: a key with the {@code tokens} right mints any
 * token (the seed's behaviour); a signed-in agent only its own identity, with the name the service
 * has for it, and outside dev mode only for a room it belongs in; nobody else, except an anonymous
 * caller token in dev mode (the seed's demo join form).
 */
@Path("/token")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokenResource {
  private static final Logger LOG = LoggerFactory.getLogger(TokenResource.class);
  private final TokenIssuer issuer;
  private final String wsUrl;
  // The caller rooms and who took them: an agent's token for a call room needs the call to be theirs.
  private final WaitingCalls calls;
  // Outside dev mode: whether an agent belongs in a room (a call it took, a transfer it is part of).
  private final RoomMembers members;
  private final boolean devMode;

  public TokenResource(TokenIssuer issuer, String wsUrl, WaitingCalls calls, RoomMembers members, boolean devMode) {
    this.issuer = issuer;
    this.wsUrl = wsUrl;
    this.calls = java.util.Objects.requireNonNull(calls, "calls");
    this.members = java.util.Objects.requireNonNull(members, "members");
    this.devMode = devMode;
  }

  @POST
  @Operation(summary = "Mint a LiveKit access token: any identity with an API key, one's own when signed in")
  public TokenResponse token(
      @Context SecurityContext security,
      @NotNull(message = "request body is required") @Valid TokenRequest request) {
    Actor actor = Actor.orNull(security);
    Role role = request.roleOrDefault();
    String identity = request.identity();
    String name = request.name();
    if (actor == null) {
      // Only reachable in dev mode (see Access): the seed's join form, a caller naming its room.
      if (role != Role.CALLER) {
        throw AuthFailure.unauthenticated("an agent token needs a signed-in agent or an API key");
      }
      // Agents' and bots' identities are the service's to give: a caller taking one would make
      // LiveKit disconnect the real participant (duplicate identity).
      if (ReservedIdentities.isReserved(identity)) {
        throw AuthFailure.forbidden("identity", "that identity belongs to an agent or a bot");
      }
    } else if (actor.isAgent()) {
      if (!identity.equals(actor.identity())) {
        throw AuthFailure.forbidden("identity", "a signed-in agent gets tokens for its own identity only");
      }
      if (!calls.mayJoin(request.room(), actor.identity())) {
        throw AuthFailure.forbidden("room", "that call is waiting or another agent's: take it with POST /calls/{room}/take");
      }
      // Dev mode keeps the seed's demo, where agents join rooms by name.
      if (!devMode && !members.belongs(request.room(), actor.identity())) {
        throw AuthFailure.forbidden("room", "you do not belong in that room: take a waiting call with "
            + "POST /calls/{room}/take, or join a transfer you are part of (Agent B: POST /transfers/{id}/accept)");
      }
      name = actor.name();
    } else {
      actor.require(Right.TOKENS, "role");
    }
    String token = issuer.issue(identity, request.room(), name, role);
    LOG.debug("event=token_issued by={} identity={} room={} role={}",
        actor == null ? "anonymous" : actor, identity, request.room(), role.wireName());
    return new TokenResponse(token, wsUrl);
  }
}

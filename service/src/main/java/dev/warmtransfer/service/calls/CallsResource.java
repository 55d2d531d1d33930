package dev.warmtransfer.service.calls;

import dev.warmtransfer.service.api.Role;
import dev.warmtransfer.service.auth.Actor;
import dev.warmtransfer.service.auth.AuthFailure;
import dev.warmtransfer.service.auth.Right;
import dev.warmtransfer.service.calls.CallsApi.CallLinkRequest;
import dev.warmtransfer.service.calls.CallsApi.CallLinkResponse;
import dev.warmtransfer.service.calls.CallsApi.CallRequest;
import dev.warmtransfer.service.calls.CallsApi.CallResponse;
import dev.warmtransfer.service.calls.CallsApi.TakeResponse;
import dev.warmtransfer.service.calls.CallsApi.WaitingCall;
import dev.warmtransfer.service.calls.CallsApi.WaitingCallsResponse;
import dev.warmtransfer.service.errors.FieldException;
import dev.warmtransfer.service.livekit.LiveKitRooms;
import dev.warmtransfer.service.token.TokenIssuer;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Callers never choose a room: {@code POST /calls} makes one (an unguessable name) and a caller
 * token for it alone; a call link opens the one room it was signed for. Agents see the waiting
 * calls and take one, getting a token for their own identity.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {
  private static final Logger LOG = LoggerFactory.getLogger(CallsResource.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private final LiveKitRooms rooms;
  private final TokenIssuer tokens;
  private final CallLinks links;
  private final WaitingCalls waiting;
  private final TakenCalls taken;
  private final String wsUrl;

  public CallsResource(
      LiveKitRooms rooms, TokenIssuer tokens, CallLinks links, WaitingCalls waiting, TakenCalls taken, String wsUrl) {
    this.rooms = rooms;
    this.tokens = tokens;
    this.links = links;
    this.waiting = waiting;
    this.taken = taken;
    this.wsUrl = wsUrl;
  }

  @POST
  @Path("calls")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Start a call (no credential): a new room and a caller token for it alone, or follow a call link")
  public CallResponse start(@Valid CallRequest request) {
    String identity = "caller-" + random(8);
    String room;
    if (request != null && request.link() != null && !request.link().isEmpty()) {
      room = links.verify(request.link())
          .orElseThrow(() -> new FieldException("link", "the call link is not valid or has expired"))
          .room();
    } else {
      room = "call-" + random(12);
      rooms.create(room);
      if (!waiting.add(room, identity)) {
        throw new ServiceUnavailableException("too many waiting calls; try again shortly", 5L);
      }
    }
    String token = tokens.issue(identity, room, null, Role.CALLER);
    LOG.info("event=call_started room={} caller={} via={}", room, identity, request != null && request.link() != null ? "link" : "new");
    return new CallResponse(room, identity, token, wsUrl);
  }

  @POST
  @Path("call-links")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a signed, expiring link that lets one caller into one room")
  public CallLinkResponse link(
      @Context SecurityContext security,
      @jakarta.validation.constraints.NotNull(message = "request body is required") @Valid CallLinkRequest request) {
    Actor actor = staff(security);
    // An agent's link is for its own call: the room becomes its (tokens for it need that outside
    // dev mode), and never one that waits for, or belongs to, someone else.
    if (actor.isAgent()
        && (!waiting.mayJoin(request.room(), actor.identity()) || !taken.claim(request.room(), actor.identity()))) {
      throw AuthFailure.forbidden("room", "that room is a waiting call or another agent's");
    }
    CallLinks.Link link = links.create(request.room());
    String signed = links.sign(link.room(), link.expiresAt());
    LOG.info("event=call_link_created by={} room={} expires_at={}", actor, link.room(), link.expiresAt());
    // A fragment, not a query: the link never reaches a request log.
    return new CallLinkResponse(signed, "/#call=" + signed, link.expiresAt().toString());
  }

  @GET
  @Path("calls")
  @Operation(summary = "The calls no agent has taken yet (state=waiting)")
  public WaitingCallsResponse waiting(@Context SecurityContext security, @QueryParam("state") String state) {
    staff(security);
    if (state != null && !state.equals("waiting")) {
      throw new FieldException("state", "only state=waiting is listed");
    }
    return new WaitingCallsResponse(waiting.waiting().stream()
        .map(c -> new WaitingCall(c.room(), c.callerIdentity(), c.createdAt().toString()))
        .toList());
  }

  @POST
  @Path("calls/{room}/take")
  @Operation(summary = "Take a waiting call: a token for the signed-in agent's own identity in its room")
  public TakeResponse take(@Context SecurityContext security, @PathParam("room") String room) {
    Actor actor = Actor.of(security);
    if (!actor.isAgent()) {
      throw AuthFailure.forbidden("Authorization", "only a signed-in agent takes calls");
    }
    Optional<WaitingCalls.Call> call = waiting.take(room, actor.identity());
    if (call.isEmpty()) {
      throw new NotFoundException("no waiting call in that room (taken already, or gone)");
    }
    taken.record(room, actor.identity());
    String token = tokens.issue(actor.identity(), room, actor.name(), Role.AGENT);
    LOG.info("event=call_taken room={} caller={} agent={}", room, call.get().callerIdentity(), actor.identity());
    return new TakeResponse(room, token, wsUrl);
  }

  /** Agents, and keys with the calls right; never callers. */
  private static Actor staff(SecurityContext security) {
    Actor actor = Actor.of(security);
    if (actor.isAgent()) {
      return actor;
    }
    if (actor.kind() != Actor.Kind.API_CLIENT) {
      throw AuthFailure.forbidden("Authorization", "only agents and API keys may do that");
    }
    return actor.require(Right.CALLS, "Authorization");
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}

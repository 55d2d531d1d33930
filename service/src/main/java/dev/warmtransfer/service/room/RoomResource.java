package dev.warmtransfer.service.room;

import dev.warmtransfer.service.api.CreateRoomRequest;
import dev.warmtransfer.service.api.RoomResponse;
import dev.warmtransfer.service.api.RoomView;
import dev.warmtransfer.service.api.RoomsResponse;
import dev.warmtransfer.service.livekit.LiveKitRooms;
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
import dev.warmtransfer.service.auth.Actor;
import dev.warmtransfer.service.auth.AuthFailure;
import dev.warmtransfer.service.auth.Right;
import livekit.LivekitModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class RoomResource {
  private static final Logger LOG = LoggerFactory.getLogger(RoomResource.class);
  private final LiveKitRooms rooms;

  public RoomResource(LiveKitRooms rooms) {
    this.rooms = rooms;
  }

  @POST
  @Path("create-room")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a LiveKit room (or return the existing one of that name)")
  public RoomResponse create(
      @Context SecurityContext security,
      @NotNull(message = "request body is required") @Valid CreateRoomRequest request) {
    Actor actor = staff(security);
    LivekitModels.Room room = rooms.create(request.room());
    LOG.info("event=room_created by={} room={} sid={}", actor, room.getName(), room.getSid());
    return new RoomResponse(RoomView.of(room));
  }

  @POST
  @Path("list-rooms")
  @Operation(summary = "List the rooms LiveKit has open")
  public RoomsResponse list(@Context SecurityContext security) {
    staff(security);
    return new RoomsResponse(rooms.list().stream().map(RoomView::of).toList());
  }

  /** Agents and keys with the rooms right; callers and bots never see the room list. */
  private static Actor staff(SecurityContext security) {
    Actor actor = Actor.of(security);
    if (actor.isAgent()) {
      return actor;
    }
    if (actor.kind() != Actor.Kind.API_CLIENT) {
      throw AuthFailure.forbidden(null, "only agents and API keys may see or create rooms");
    }
    return actor.require(Right.ROOMS, null);
  }
}

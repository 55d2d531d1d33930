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
import jakarta.ws.rs.core.MediaType;
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
  public RoomResponse create(@NotNull(message = "request body is required") @Valid CreateRoomRequest request) {
    LivekitModels.Room room = rooms.create(request.room());
    LOG.info("event=room_created room={} sid={}", room.getName(), room.getSid());
    return new RoomResponse(RoomView.of(room));
  }

  @POST
  @Path("list-rooms")
  @Operation(summary = "List the rooms LiveKit has open")
  public RoomsResponse list() {
    return new RoomsResponse(rooms.list().stream().map(RoomView::of).toList());
  }
}

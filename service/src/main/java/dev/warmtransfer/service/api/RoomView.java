package dev.warmtransfer.service.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import livekit.LivekitModels;

/** A LiveKit room as the seed's API shows it (snake_case fields). */
public record RoomView(
    String sid,
    String name,
    @JsonProperty("creation_time") long creationTime,
    @JsonProperty("num_participants") int numParticipants,
    @JsonProperty("max_participants") int maxParticipants) {

  public static RoomView of(LivekitModels.Room room) {
    return new RoomView(
        room.getSid(),
        room.getName(),
        room.getCreationTime(),
        room.getNumParticipants(),
        room.getMaxParticipants());
  }
}

package dev.warmtransfer.service.health;

import com.codahale.metrics.health.HealthCheck;
import dev.warmtransfer.service.livekit.LiveKitRooms;
import dev.warmtransfer.service.livekit.LiveKitUnavailableException;

/** Really asks LiveKit for its rooms: proves it is up and that our key pair is accepted. */
public class LiveKitHealthCheck extends HealthCheck {
  private final LiveKitRooms rooms;

  public LiveKitHealthCheck(LiveKitRooms rooms) {
    this.rooms = rooms;
  }

  @Override
  protected Result check() {
    try {
      int open = rooms.list().size();
      return Result.builder().healthy().withDetail("url", rooms.url()).withDetail("rooms", open).build();
    } catch (LiveKitUnavailableException e) {
      return Result.builder().unhealthy().withMessage(e.getMessage()).withDetail("url", rooms.url()).build();
    }
  }
}

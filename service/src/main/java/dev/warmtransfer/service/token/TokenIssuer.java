package dev.warmtransfer.service.token;

import dev.warmtransfer.service.api.Role;
import io.livekit.server.AccessToken;
import io.livekit.server.CanPublish;
import io.livekit.server.CanPublishData;
import io.livekit.server.CanPublishSources;
import io.livekit.server.CanSubscribe;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/** Signs LiveKit participant tokens whose grants follow the participant's role. */
public final class TokenIssuer {
  private final String apiKey;
  private final String apiSecret;
  private final Duration ttl;
  private final Clock clock;

  public TokenIssuer(String apiKey, String apiSecret, Duration ttl, Clock clock) {
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    this.apiSecret = Objects.requireNonNull(apiSecret, "apiSecret");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl <= 0");
    }
  }

  public String issue(String identity, String room, String name, Role role) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(role, "role");
    AccessToken token = new AccessToken(apiKey, apiSecret);
    token.setIdentity(identity);
    if (name != null && !name.isBlank()) {
      token.setName(name);
    }
    long now = clock.millis();
    token.setNotBefore(new Date(now));
    token.setExpiration(new Date(now + ttl.toMillis()));
    token.getAttributes().put("role", role.wireName());
    token.addGrants(new RoomJoin(true), new RoomName(room), new CanSubscribe(true), new CanPublish(true));
    switch (role) {
      // A caller is a voice on the line: its microphone only, no camera, no data messages.
      case CALLER -> token.addGrants(new CanPublishSources(List.of("microphone")), new CanPublishData(false));
      case AGENT -> token.addGrants(new CanPublishData(true));
    }
    return token.toJwt();
  }
}

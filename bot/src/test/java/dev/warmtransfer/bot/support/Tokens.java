package dev.warmtransfer.bot.support;

import dev.warmtransfer.testkit.LiveKitServer;
import io.livekit.server.AccessToken;
import io.livekit.server.CanPublish;
import io.livekit.server.CanPublishData;
import io.livekit.server.CanSubscribe;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;

public final class Tokens {
  private Tokens() {}

  public static String token(LiveKitServer lk, String identity, String room) {
    AccessToken t = new AccessToken(lk.apiKey(), lk.apiSecret());
    t.setIdentity(identity);
    t.setTtl(3_600_000);
    t.addGrants(new RoomJoin(true), new RoomName(room), new CanPublish(true), new CanSubscribe(true), new CanPublishData(true));
    return t.toJwt();
  }
}

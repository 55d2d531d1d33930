package dev.warmtransfer.bot.support;

import dev.warmtransfer.testkit.LiveKitServer;
import io.livekit.server.AccessToken;
import io.livekit.server.Agent;
import io.livekit.server.CanPublish;
import io.livekit.server.CanPublishData;
import io.livekit.server.CanSubscribe;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public final class Tokens {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Tokens() {}

  public static String token(LiveKitServer lk, String identity, String room) {
    return token(lk, identity, room, "", Map.of(), false);
  }

  /** With a display name, attributes, and (agent) the agent grant LiveKit gives dispatched bots. */
  public static String token(LiveKitServer lk, String identity, String room, String name, Map<String, String> attributes,
      boolean agent) {
    AccessToken t = new AccessToken(lk.apiKey(), lk.apiSecret());
    t.setIdentity(identity);
    t.setName(name);
    t.getAttributes().putAll(attributes);
    t.setTtl(3_600_000);
    t.addGrants(new RoomJoin(true), new RoomName(room), new CanPublish(true), new CanSubscribe(true), new CanPublishData(true));
    if (agent) {
      t.addGrants(new Agent(true));
      return withClaim(t.toJwt(), "kind", "agent", lk.apiSecret());
    }
    return t.toJwt();
  }

  /**
   * LiveKit makes a participant of kind AGENT from the token's {@code kind} claim, which the
   * Kotlin SDK cannot set: add it and sign again (HS256, as LiveKit's tokens are).
   */
  static String withClaim(String jwt, String name, String value, String secret) {
    try {
      String[] parts = jwt.split("\\.");
      Base64.Decoder dec = Base64.getUrlDecoder();
      Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
      ObjectNode payload = (ObjectNode) JSON.readTree(dec.decode(parts[1]));
      payload.put(name, value);
      String signed = parts[0] + "." + enc.encodeToString(JSON.writeValueAsBytes(payload));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return signed + "." + enc.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot re-sign the token", e);
    }
  }
}

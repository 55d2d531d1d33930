package dev.warmtransfer.service.support;

import com.google.protobuf.util.JsonFormat;
import dev.warmtransfer.testkit.LiveKitServer;
import io.livekit.server.AccessToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import livekit.LivekitModels;
import livekit.LivekitWebhook.WebhookEvent;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Webhooks signed exactly as LiveKit signs them (JWT over the body's SHA-256), for replaying and ordering. */
public final class SignedWebhooks {
  private final ServiceUnderTest service;
  private final LiveKitServer livekit;

  public SignedWebhooks(ServiceUnderTest service) {
    this.service = service;
    this.livekit = service.livekit;
  }

  public static WebhookEvent participant(String type, String room, String identity, Map<String, String> attributes) {
    return WebhookEvent.newBuilder()
        .setId("EV_" + UUID.randomUUID())
        .setEvent(type)
        .setCreatedAt(System.currentTimeMillis() / 1000)
        .setRoom(LivekitModels.Room.newBuilder().setName(room))
        .setParticipant(LivekitModels.ParticipantInfo.newBuilder().setIdentity(identity).putAllAttributes(attributes))
        .build();
  }

  public Response send(WebhookEvent event) throws Exception {
    return send(JsonFormat.printer().print(event).getBytes(StandardCharsets.UTF_8));
  }

  /** Any body, correctly signed. */
  public Response send(byte[] body) throws Exception {
    AccessToken token = new AccessToken(livekit.apiKey(), livekit.apiSecret());
    token.setSha256(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body)));
    Request request = new Request.Builder()
        .url(service.url("/livekit/webhook"))
        .header("Authorization", token.toJwt())
        .post(RequestBody.create(body, MediaType.get("application/webhook+json")))
        .build();
    return service.http.newCall(request).execute();
  }
}

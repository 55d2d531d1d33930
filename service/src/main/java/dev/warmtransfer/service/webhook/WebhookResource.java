package dev.warmtransfer.service.webhook;

import dev.warmtransfer.service.api.ApiError;
import io.livekit.server.WebhookReceiver;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import livekit.LivekitWebhook.WebhookEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** LiveKit's webhooks: verified (signed JWT over the body's hash), logged, and handed to listeners. */
@Path("/livekit/webhook")
@Hidden
public class WebhookResource {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookResource.class);
  private final WebhookReceiver receiver;
  private final RoomActivity activity;

  public WebhookResource(String apiKey, String apiSecret, RoomActivity activity) {
    this.receiver = new WebhookReceiver(apiKey, apiSecret);
    this.activity = activity;
  }

  @POST
  @Consumes({"application/webhook+json", MediaType.APPLICATION_JSON})
  @Produces(MediaType.APPLICATION_JSON)
  public Response receive(byte[] body, @HeaderParam("Authorization") String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return unauthorized("Authorization header is required");
    }
    WebhookEvent event;
    try {
      // Decoded as UTF-8 here: the SDK re-encodes with the platform charset before hashing.
      event = receiver.receive(new String(body, StandardCharsets.UTF_8), authorization);
    } catch (RuntimeException e) {
      LOG.warn("event=webhook_rejected reason=\"{}\"", e.getClass().getSimpleName());
      return unauthorized("webhook signature is not valid");
    }
    LOG.info(
        "event=livekit_webhook type={} room={} participant={} track={}",
        event.getEvent(),
        event.getRoom().getName(),
        event.getParticipant().getIdentity(),
        event.getTrack().getSid());
    activity.record(event);
    return Response.ok("{}").build();
  }

  private static Response unauthorized(String why) {
    return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(why, "Authorization")).build();
  }
}

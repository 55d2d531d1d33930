package dev.warmtransfer.service.webhook;

import dev.warmtransfer.service.api.ApiError;
import dev.warmtransfer.service.transfer.TransferService;
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

/**
 * LiveKit's webhooks: verified (signed JWT over the body's hash), applied once each by event id
 * (stored with the transfers they change), and handed to listeners.
 */
@Path("/livekit/webhook")
@Hidden
public class WebhookResource {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookResource.class);
  private final WebhookReceiver receiver;
  private final RoomActivity activity;
  private final TransferService transfers;
  private final WebhookEvents events;

  public WebhookResource(String apiKey, String apiSecret, RoomActivity activity, TransferService transfers) {
    this.receiver = new WebhookReceiver(apiKey, apiSecret);
    this.activity = activity;
    this.transfers = transfers;
    this.events = new WebhookEvents();
  }

  @POST
  @Consumes({"application/webhook+json", MediaType.APPLICATION_JSON})
  @Produces(MediaType.APPLICATION_JSON)
  public Response receive(byte[] body, @HeaderParam("Authorization") String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return error(401, "Authorization header is required", "Authorization");
    }
    WebhookEvent event;
    try {
      // Decoded as UTF-8 here: the SDK re-encodes with the platform charset before hashing.
      event = receiver.receive(new String(body, StandardCharsets.UTF_8), authorization);
    } catch (Exception e) {
      // The SDK verifies first, then parses: a parse failure (a checked protobuf exception the
      // Kotlin SDK does not declare) means a correctly signed body that is not a LiveKit event.
      if (e instanceof com.google.protobuf.InvalidProtocolBufferException) {
        LOG.warn("event=webhook_rejected reason=\"signed body is not a LiveKit event\"");
        return error(400, "webhook body is not a LiveKit event", "body");
      }
      LOG.warn("event=webhook_rejected reason=\"{}\"", e.getClass().getSimpleName());
      return error(401, "webhook signature is not valid", "Authorization");
    }
    String id = event.getId().isEmpty() ? TransferService.bodyId(body) : event.getId();
    String room = event.getRoom().getName().isEmpty() ? null : event.getRoom().getName();
    boolean first = transfers.applyWebhook(id, event.getEvent(), room, events.toTransferEvent(event, transfers.now()));
    LOG.info(
        "event=livekit_webhook id={} type={} room={} participant={} track={} left_reason={} replay={}",
        id,
        event.getEvent(),
        event.getRoom().getName(),
        event.getParticipant().getIdentity(),
        event.getTrack().getSid(),
        WebhookEvents.isDeparture(event) ? event.getParticipant().getDisconnectReason() : "",
        !first);
    if (first) {
      activity.record(event);
    }
    return Response.ok("{}").build();
  }

  private static Response error(int status, String why, String field) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(why, field)).build();
  }
}

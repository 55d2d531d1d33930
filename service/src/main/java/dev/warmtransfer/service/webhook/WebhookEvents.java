package dev.warmtransfer.service.webhook;

import dev.warmtransfer.proto.Topics;
import dev.warmtransfer.service.transfer.TransferEvent;
import dev.warmtransfer.service.transfer.TransferEvent.Kind;
import java.time.Instant;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitWebhook.WebhookEvent;

/** What a LiveKit webhook means to a transfer; null when it means nothing. */
final class WebhookEvents {
  TransferEvent toTransferEvent(WebhookEvent e, Instant now) {
    String room = e.getRoom().getName();
    ParticipantInfo p = e.getParticipant();
    if (room.isEmpty()) {
      return null;
    }
    return switch (e.getEvent()) {
      case "participant_joined" -> p.getIdentity().isEmpty() ? null
          : new TransferEvent.ParticipantJoined(now, room, p.getIdentity(), kind(p));
      case "participant_left", "participant_connection_aborted" -> p.getIdentity().isEmpty() ? null
          : new TransferEvent.ParticipantLeft(now, room, p.getIdentity(), kind(p), dropped(e));
      case "track_published" -> p.getIdentity().isEmpty() ? null : new TransferEvent.TrackPublished(now, room, p.getIdentity());
      case "room_finished" -> new TransferEvent.RoomFinished(now, room);
      default -> null;
    };
  }

  /**
   * Whether the participant lost its connection rather than left: its app (livekit-client, our
   * bot) then rejoins by itself, as a new session under the same identity.
   */
  static boolean dropped(WebhookEvent e) {
    if (e.getEvent().equals("participant_connection_aborted")) {
      return true;
    }
    return switch (e.getParticipant().getDisconnectReason()) {
      case SIGNAL_CLOSE, CONNECTION_TIMEOUT, MEDIA_FAILURE, STATE_MISMATCH, JOIN_FAILURE, MIGRATION,
          DUPLICATE_IDENTITY, SERVER_SHUTDOWN -> true;
      default -> false;
    };
  }

  static boolean isDeparture(WebhookEvent e) {
    return e.getEvent().equals("participant_left") || e.getEvent().equals("participant_connection_aborted");
  }

  static Kind kind(ParticipantInfo p) {
    String job = p.getAttributesMap().get(Topics.ATTR_JOB);
    if ("briefer".equals(job)) {
      return Kind.BRIEFER;
    }
    if ("assistant".equals(job)) {
      return Kind.ASSISTANT;
    }
    return Kind.HUMAN;
  }
}

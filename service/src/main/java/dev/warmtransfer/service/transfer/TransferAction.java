package dev.warmtransfer.service.transfer;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.Objects;

/**
 * What must be done because a transfer changed. Stored with the change in one transaction and
 * carried out afterwards, retried until done: each one is idempotent.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = TransferAction.CreateRoom.class, name = "create_room"),
  @JsonSubTypes.Type(value = TransferAction.Hold.class, name = "hold"),
  @JsonSubTypes.Type(value = TransferAction.Unhold.class, name = "unhold"),
  @JsonSubTypes.Type(value = TransferAction.DispatchBriefer.class, name = "dispatch_briefer"),
  @JsonSubTypes.Type(value = TransferAction.InstructBot.class, name = "instruct_bot"),
  @JsonSubTypes.Type(value = TransferAction.Notify.class, name = "notify"),
  @JsonSubTypes.Type(value = TransferAction.SendMove.class, name = "send_move"),
  @JsonSubTypes.Type(value = TransferAction.SendBriefingText.class, name = "send_briefing_text"),
  @JsonSubTypes.Type(value = TransferAction.RemoveParticipant.class, name = "remove_participant"),
  @JsonSubTypes.Type(value = TransferAction.DeleteRoom.class, name = "delete_room"),
})
public sealed interface TransferAction {
  /** The name stored beside the payload, for logs and queries. */
  default String kind() {
    JsonSubTypes.Type[] types = TransferAction.class.getAnnotation(JsonSubTypes.class).value();
    for (JsonSubTypes.Type t : types) {
      if (t.value() == getClass()) {
        return t.name();
      }
    }
    throw new IllegalStateException("unnamed action " + getClass());
  }

  /** How long to wait before carrying it out (e.g. to let the briefer finish its sentence). */
  default long afterMs() {
    return 0;
  }

  record CreateRoom(String room) implements TransferAction {
    public CreateRoom {
      Objects.requireNonNull(room, "room");
    }
  }

  /**
   * Cut the caller off from Agent A server-side and start hold audio. The caller is looked up in
   * the room when not known; the outcome is reported back as {@link TransferEvent.HoldPlaced}.
   */
  record Hold(String room, String callerIdentity, String agentA) implements TransferAction {
    public Hold {
      Objects.requireNonNull(room, "room");
      Objects.requireNonNull(agentA, "agentA");
    }
  }

  /** The caller hears {@code agentA} (Agent A again, or Agent B at hand-over), and hold audio stops. */
  record Unhold(String room, String callerIdentity, String agentA) implements TransferAction {
    public Unhold {
      Objects.requireNonNull(room, "room");
      Objects.requireNonNull(agentA, "agentA");
    }
  }

  record DispatchBriefer(String room, int attempt) implements TransferAction {
    public DispatchBriefer {
      Objects.requireNonNull(room, "room");
      if (attempt < 1) {
        throw new IllegalArgumentException("attempt < 1");
      }
    }
  }

  enum BotJob { ASSISTANT, BRIEFER }

  enum Command { HOLD_OFF, SAY, TRANSFER_ENDED }

  /** An instruction to the room's bot of that job (if it is there; a missing bot is not an error). */
  record InstructBot(String room, BotJob job, Command command, String text, Phase phase, long afterMs)
      implements TransferAction {
    public InstructBot {
      Objects.requireNonNull(room, "room");
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(command, "command");
      text = text == null ? "" : text;
    }
  }

  /** Tell consoles (SSE) and both rooms (wt.transfer) that the transfer entered a phase. */
  record Notify(Phase state, String reason, Instant at) implements TransferAction {
    public Notify {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(at, "at");
    }
  }

  /** Move-caller mode: send the caller's page a token for the handoff room (wt.move). */
  record SendMove(String fromRoom, String callerIdentity, String newRoom) implements TransferAction {
    public SendMove {
      Objects.requireNonNull(fromRoom, "fromRoom");
      Objects.requireNonNull(newRoom, "newRoom");
    }
  }

  /** No briefer could speak: Agent B gets the briefing as text (wt.briefing). */
  record SendBriefingText(String room, String identity) implements TransferAction {
    public SendBriefingText {
      Objects.requireNonNull(room, "room");
      Objects.requireNonNull(identity, "identity");
    }
  }

  /** @param afterMs how long the participant has to leave by itself first */
  record RemoveParticipant(String room, String identity, long afterMs) implements TransferAction {
    public RemoveParticipant {
      Objects.requireNonNull(room, "room");
      Objects.requireNonNull(identity, "identity");
    }
  }

  record DeleteRoom(String room, long afterMs) implements TransferAction {
    public DeleteRoom {
      Objects.requireNonNull(room, "room");
    }
  }
}

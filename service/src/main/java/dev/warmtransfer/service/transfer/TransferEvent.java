package dev.warmtransfer.service.transfer;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What happened to a transfer: a person's decision, a webhook, a bot's report, a timer. */
public sealed interface TransferEvent {
  Instant at();

  /** The caller no longer hears Agent A (or there was no caller to hold). */
  record HoldPlaced(Instant at, String callerIdentity) implements TransferEvent {
    public HoldPlaced {
      Objects.requireNonNull(at, "at");
    }
  }

  /** Who a participant is, as far as a transfer cares. */
  enum Kind { HUMAN, BRIEFER, ASSISTANT }

  record ParticipantJoined(Instant at, String room, String identity, Kind kind) implements TransferEvent {
    public ParticipantJoined {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(room, "room");
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(kind, "kind");
    }
  }

  /**
   * @param dropped the connection was lost rather than closed (no goodbye reached LiveKit): the
   *     participant's app is likely rejoining
   */
  record ParticipantLeft(Instant at, String room, String identity, Kind kind, boolean dropped) implements TransferEvent {
    public ParticipantLeft {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(room, "room");
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(kind, "kind");
    }

    /** A participant who said goodbye. */
    public ParticipantLeft(Instant at, String room, String identity, Kind kind) {
      this(at, room, identity, kind, false);
    }
  }

  /** A participant published a track: if it is Agent A during hold, the caller must not get it. */
  record TrackPublished(Instant at, String room, String identity) implements TransferEvent {
    public TrackPublished {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(room, "room");
      Objects.requireNonNull(identity, "identity");
    }
  }

  record RoomFinished(Instant at, String room) implements TransferEvent {
    public RoomFinished {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(room, "room");
    }
  }

  /**
   * The briefer reports that {@code listener} can hear it now and the briefing is starting (the
   * briefing speaks for a while; only its end is reported as {@link BriefingSpoken}).
   */
  record BriefingStarted(Instant at, String room, String listener) implements TransferEvent {
    public BriefingStarted {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(room, "room");
      Objects.requireNonNull(listener, "listener");
    }
  }

  /** The briefer reports that it spoke the briefing to Agent B (or began to). */
  record BriefingSpoken(Instant at, boolean completed, String provider) implements TransferEvent {
    public BriefingSpoken {
      Objects.requireNonNull(at, "at");
    }
  }

  record Accepted(Instant at, String by) implements TransferEvent {
    public Accepted {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
    }
  }

  record Declined(Instant at, String by, String reason) implements TransferEvent {
    public Declined {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
    }
  }

  record Canceled(Instant at, String by, String reason) implements TransferEvent {
    public Canceled {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
    }
  }

  /** The seed's "move caller": the caller's page is sent a token for the handoff room. */
  record MoveRequested(Instant at, String by) implements TransferEvent {
    public MoveRequested {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
    }
  }

  /** The clock reached the transfer's deadline or its expiry. */
  record DeadlinePassed(Instant at) implements TransferEvent {
    public DeadlinePassed {
      Objects.requireNonNull(at, "at");
    }
  }

  /** An action could not be carried out, after its retries. */
  record ActionFailed(Instant at, String action, String error) implements TransferEvent {
    public ActionFailed {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(action, "action");
    }
  }

  /**
   * What LiveKit holds now, read when the service starts: the open rooms and who is in the
   * transfer's two rooms.
   */
  record Reconciled(Instant at, Set<String> openRooms, Map<String, Set<String>> present) implements TransferEvent {
    public Reconciled {
      Objects.requireNonNull(at, "at");
      openRooms = Set.copyOf(openRooms);
      present = Map.copyOf(present);
    }

    Set<String> in(String room) {
      return present.getOrDefault(room, Set.of());
    }
  }
}

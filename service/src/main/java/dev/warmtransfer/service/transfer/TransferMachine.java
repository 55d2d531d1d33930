package dev.warmtransfer.service.transfer;

import dev.warmtransfer.service.transfer.TransferAction.BotJob;
import dev.warmtransfer.service.transfer.TransferAction.Command;
import dev.warmtransfer.service.transfer.TransferEvent.Accepted;
import dev.warmtransfer.service.transfer.TransferEvent.ActionFailed;
import dev.warmtransfer.service.transfer.TransferEvent.BriefingSpoken;
import dev.warmtransfer.service.transfer.TransferEvent.BriefingStarted;
import dev.warmtransfer.service.transfer.TransferEvent.Canceled;
import dev.warmtransfer.service.transfer.TransferEvent.DeadlinePassed;
import dev.warmtransfer.service.transfer.TransferEvent.Declined;
import dev.warmtransfer.service.transfer.TransferEvent.HoldPlaced;
import dev.warmtransfer.service.transfer.TransferEvent.Kind;
import dev.warmtransfer.service.transfer.TransferEvent.MoveRequested;
import dev.warmtransfer.service.transfer.TransferEvent.ParticipantJoined;
import dev.warmtransfer.service.transfer.TransferEvent.ParticipantLeft;
import dev.warmtransfer.service.transfer.TransferEvent.Reconciled;
import dev.warmtransfer.service.transfer.TransferEvent.RoomFinished;
import dev.warmtransfer.service.transfer.TransferEvent.TrackPublished;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The transfer as a pure function: (transfer, event) -> (next transfer, actions). No I/O, no
 * clock: every branch of the design is a plain unit test. An event that does not fit the current
 * phase (late, repeated, out of order) changes nothing: a transfer never moves backwards.
 */
public final class TransferMachine {
  /** Who a timeline row names when no person did it. */
  public static final String LIVEKIT = "livekit";
  public static final String TIMER = "timer";
  public static final String SERVICE = "service";
  public static final String BRIEFER = "briefer";
  /** Agent B is in the caller's room, its microphone not yet: the caller stays on hold. */
  static final String B_IN_R = "agent B joined the caller's room";
  /** How long hold waits for B's microphone once B is in the caller's room. */
  static final java.time.Duration MICROPHONE_GRACE = java.time.Duration.ofSeconds(3);
  /** How long Agent A's console has to leave the call by itself at hand-over before A is removed. */
  static final long A_LEAVES_MS = 3_000;
  /** A briefer that dies is dispatched again once; after that B gets the briefing as text. */
  static final int MAX_BRIEFER_DISPATCHES = 2;

  private final TransferTimers timers;
  private final AgentNames names;
  private final Reconciliation reconciliation = new Reconciliation(this);

  public TransferMachine(TransferTimers timers) {
    this(timers, AgentNames.NONE);
  }

  public TransferMachine(TransferTimers timers, AgentNames names) {
    this.timers = Objects.requireNonNull(timers, "timers");
    this.names = Objects.requireNonNull(names, "names");
  }

  public TransferTimers timers() {
    return timers;
  }

  /** Agent A asked: the transfer starts in {@code requested} with H, hold and the briefer under way. */
  public Transition start(TransferRequestSpec spec, Instant now) {
    Objects.requireNonNull(spec, "spec");
    Transfer t =
        new Transfer(spec.id(), Phase.REQUESTED, spec.mode(), spec.fromRoom(), spec.newRoom(), spec.agentA(),
            spec.agentB(), spec.callerIdentity(), spec.notes(), 1, now.plus(timers.agentBJoin()),
            null, now.plus(timers.maxOpen()), now, now, 0,
            List.of(new TimelineEntry(Phase.REQUESTED, now, spec.requestedBy(), "transfer requested")));
    return Transition.to(t, List.of(
        new TransferAction.CreateRoom(t.newRoom()),
        new TransferAction.Hold(t.fromRoom(), t.callerIdentity(), t.agentA()),
        new TransferAction.DispatchBriefer(t.newRoom(), 1),
        notify(t)));
  }

  public Transition apply(Transfer t, TransferEvent event) {
    Objects.requireNonNull(t, "transfer");
    Objects.requireNonNull(event, "event");
    if (t.phase().isFinal()) {
      return Transition.ignore(t, "transfer already " + t.phase().wireName());
    }
    // Java 17: no pattern switch; the sealed interface keeps this list complete by review and test.
    if (event instanceof HoldPlaced e) {
      return holdPlaced(t, e);
    } else if (event instanceof ParticipantJoined e) {
      return joined(t, e);
    } else if (event instanceof ParticipantLeft e) {
      return left(t, e);
    } else if (event instanceof TrackPublished e) {
      return trackPublished(t, e);
    } else if (event instanceof RoomFinished e) {
      return roomFinished(t, e);
    } else if (event instanceof BriefingStarted e) {
      return briefingStarted(t, e);
    } else if (event instanceof BriefingSpoken e) {
      return briefingSpoken(t, e);
    } else if (event instanceof Accepted e) {
      return accepted(t, e.at(), e.by(), false);
    } else if (event instanceof MoveRequested e) {
      return accepted(t, e.at(), e.by(), true);
    } else if (event instanceof Declined e) {
      return t.phase().beforeDecision()
          ? end(t, Phase.DECLINED, e.at(), e.by(), orDefault(e.reason(), "agent B declined"))
          : Transition.ignore(t, "decline after " + t.phase().wireName());
    } else if (event instanceof Canceled e) {
      return end(t, Phase.CANCELED, e.at(), e.by(), orDefault(e.reason(), "agent A canceled"));
    } else if (event instanceof DeadlinePassed e) {
      return deadline(t, e.at());
    } else if (event instanceof ActionFailed e) {
      return actionFailed(t, e);
    } else if (event instanceof Reconciled e) {
      return reconciliation.apply(t, e);
    }
    throw new IllegalArgumentException("unknown event " + event.getClass().getSimpleName());
  }

  private Transition holdPlaced(Transfer t, HoldPlaced e) {
    Transfer next = t.callerIdentity() == null && e.callerIdentity() != null ? t.withCaller(e.callerIdentity()) : t;
    if (t.phase() != Phase.REQUESTED) {
      // Late (B already joined): keep the caller's identity, the phase stays.
      return next == t ? Transition.ignore(t, "hold already placed") : Transition.to(next, List.of());
    }
    String why = e.callerIdentity() == null ? "no caller in the room to hold" : "caller on hold, cut off from agent A";
    next = next.enter(Phase.CALLER_ON_HOLD, e.at(), SERVICE, why, t.deadlineAt());
    return Transition.to(next, List.of(notify(next)));
  }

  Transition joined(Transfer t, ParticipantJoined e) {
    boolean inH = e.room().equals(t.newRoom());
    boolean inR = e.room().equals(t.fromRoom());
    if (e.kind() == Kind.ASSISTANT && inR && holding(t)) {
      // A call assistant that arrives during hold (the transfer came before it, or it replaces one
      // that died) missed the hold instruction: without it the caller waits in silence.
      return Transition.to(t, List.of(new TransferAction.Hold(t.fromRoom(), t.callerIdentity(), t.agentA())));
    }
    if (e.kind() != Kind.HUMAN) {
      return Transition.ignore(t, "bot joined");
    }
    if (inR && t.callerAwayUntil() != null && e.identity().equals(t.callerIdentity())) {
      return callerBack(t, e.at());
    }
    if (inH && e.identity().equals(t.agentB())) {
      if (t.phase() == Phase.REQUESTED || t.phase() == Phase.CALLER_ON_HOLD) {
        Transfer next = t.enter(Phase.AGENT_B_JOINED, e.at(), LIVEKIT, "agent B joined the handoff room",
            e.at().plus(timers.briefingStart()));
        return Transition.to(next, List.of(notify(next)));
      }
      return Transition.ignore(t, "agent B joined again");
    }
    if (t.phase() == Phase.ACCEPTED) {
      if (t.mode() == Mode.JOIN_CALLER && inR && e.identity().equals(t.agentB())) {
        // Not yet: hold stops when B's microphone is in R (trackPublished), else the caller hears
        // nothing while B's media connects. A B who publishes nothing is with the caller anyway.
        if (B_IN_R.equals(t.reason())) {
          return Transition.ignore(t, "agent B joined the caller's room again");
        }
        Transfer next = t.note(e.at(), LIVEKIT, B_IN_R).withDeadline(e.at().plus(MICROPHONE_GRACE));
        return Transition.to(next, List.of());
      }
      if (t.mode() == Mode.MOVE_CALLER && inH && t.callerIdentity() != null && e.identity().equals(t.callerIdentity())) {
        return complete(t, e.at(), "the caller moved to agent B");
      }
    }
    return Transition.ignore(t, "not a joiner this phase waits for");
  }

  private Transition left(Transfer t, ParticipantLeft e) {
    boolean inR = e.room().equals(t.fromRoom());
    boolean inH = e.room().equals(t.newRoom());
    if (inR && e.kind() == Kind.HUMAN && e.identity().equals(t.callerIdentity())) {
      if (t.mode() == Mode.MOVE_CALLER && t.phase() == Phase.ACCEPTED) {
        return Transition.ignore(t, "the caller is moving to the handoff room");
      }
      if (e.dropped() && !timers.callerReturnGrace().isZero()) {
        return callerAway(t, e.at());
      }
      return callerLeft(t, e.at(), "the caller hung up");
    }
    if (inH && e.kind() == Kind.BRIEFER && t.phase().beforeDecision()) {
      return brieferLost(t, e.at(), "the briefer left unexpectedly");
    }
    return Transition.ignore(t, "a departure this transfer does not wait on");
  }

  /**
   * The caller's connection dropped (LiveKit heard no goodbye): their app rejoins by itself, so a
   * hang-up is only declared if they are not back within the grace. The transfer goes on meanwhile.
   */
  private Transition callerAway(Transfer t, Instant at) {
    if (t.callerAwayUntil() != null) {
      return Transition.ignore(t, "the caller is already away");
    }
    Transfer next = t.note(at, LIVEKIT, "the caller's connection dropped; waiting "
        + timers.callerReturnGrace().toSeconds() + " s for them to return").withCallerAwayUntil(at.plus(timers.callerReturnGrace()));
    return Transition.to(next, List.of());
  }

  /** The caller rejoined as a new session: it would auto-subscribe to A, so hold cuts A off again. */
  private Transition callerBack(Transfer t, Instant at) {
    Transfer next = t.note(at, LIVEKIT, "the caller is back").withCallerAwayUntil(null);
    return Transition.to(next, holding(t)
        ? List.of(new TransferAction.Hold(t.fromRoom(), t.callerIdentity(), t.agentA()))
        : List.of());
  }

  /** The caller is on hold in R: before B's decision, and after accept until B is with them (join-caller). */
  static boolean holding(Transfer t) {
    return t.phase().beforeDecision() || (t.phase() == Phase.ACCEPTED && t.mode() == Mode.JOIN_CALLER);
  }

  private Transition trackPublished(Transfer t, TrackPublished e) {
    if (t.phase() == Phase.ACCEPTED && t.mode() == Mode.JOIN_CALLER && e.room().equals(t.fromRoom())
        && e.identity().equals(t.agentB())) {
      return complete(t, e.at(), "agent B is with the caller");
    }
    if (holding(t) && e.room().equals(t.fromRoom()) && e.identity().equals(t.agentA())) {
      // A new track of Agent A would reach the caller by auto-subscription: cut it off too.
      return Transition.to(t, List.of(new TransferAction.Hold(t.fromRoom(), t.callerIdentity(), t.agentA())));
    }
    return Transition.ignore(t, "track of no concern");
  }

  private Transition roomFinished(Transfer t, RoomFinished e) {
    if (e.room().equals(t.fromRoom()) && !(t.mode() == Mode.MOVE_CALLER && t.phase() == Phase.ACCEPTED)) {
      return callerLeft(t, e.at(), "the call room closed");
    }
    return Transition.ignore(t, "room of no concern");
  }

  /**
   * B can hear the briefer and the briefing is starting: the deadline for it to start is met. (It
   * stays met while the briefing speaks, however long; a briefer that dies is reported by LiveKit.)
   */
  private Transition briefingStarted(Transfer t, BriefingStarted e) {
    if (!e.room().equals(t.newRoom()) || !e.listener().equals(t.agentB())) {
      return Transition.ignore(t, "not agent B in the handoff room");
    }
    return switch (t.phase()) {
      case REQUESTED, CALLER_ON_HOLD -> {
        Transfer next = t.enter(Phase.AGENT_B_JOINED, e.at(), BRIEFER, "agent B joined the handoff room", null);
        yield Transition.to(next, List.of(notify(next)));
      }
      case AGENT_B_JOINED -> t.deadlineAt() == null
          ? Transition.ignore(t, "briefing already started")
          : Transition.to(t.withDeadline(null), List.of());
      default -> Transition.ignore(t, "briefing started after " + t.phase().wireName());
    };
  }

  private Transition briefingSpoken(Transfer t, BriefingSpoken e) {
    String why = "briefing spoken to agent B" + (e.provider() == null || e.provider().isBlank() ? "" : " (" + e.provider() + ")");
    return switch (t.phase()) {
      case REQUESTED, CALLER_ON_HOLD -> {
        // The briefer heard B before LiveKit's webhook said B joined: both rows, in order.
        Transfer joined = t.enter(Phase.AGENT_B_JOINED, e.at(), BRIEFER, "agent B joined the handoff room", null);
        Transfer next = joined.enter(Phase.BRIEFED, e.at(), BRIEFER, why, null);
        yield Transition.to(next, List.of(notify(next)));
      }
      case AGENT_B_JOINED -> {
        Transfer next = t.enter(Phase.BRIEFED, e.at(), BRIEFER, why, null);
        yield Transition.to(next, List.of(notify(next)));
      }
      default -> Transition.ignore(t, "briefing already reported");
    };
  }

  private Transition accepted(Transfer t, Instant at, String by, boolean move) {
    Transfer base = move ? t.withMode(Mode.MOVE_CALLER) : t;
    if (t.phase() == Phase.ACCEPTED) {
      // Asked again (a retried request, or the seed's move after accept): the answer is the same.
      if (move && base.callerIdentity() != null) {
        return Transition.to(base, List.of(new TransferAction.SendMove(t.fromRoom(), t.callerIdentity(), t.newRoom())));
      }
      return Transition.ignore(t, "already accepted");
    }
    if (!t.phase().beforeDecision()) {
      return Transition.ignore(t, "accept after " + t.phase().wireName());
    }
    String why = base.mode() == Mode.MOVE_CALLER ? "accepted; the caller moves to the handoff room" : "accepted; agent B joins the caller";
    Transfer next = base.enter(Phase.ACCEPTED, at, by, why, at.plus(timers.handover()));
    List<TransferAction> actions = new ArrayList<>();
    if (next.mode() == Mode.MOVE_CALLER && next.callerIdentity() != null) {
      actions.add(new TransferAction.SendMove(next.fromRoom(), next.callerIdentity(), next.newRoom()));
    }
    actions.add(notify(next));
    return Transition.to(next, actions);
  }

  private Transition deadline(Transfer t, Instant now) {
    if (!now.isBefore(t.expiresAt())) {
      return end(t, Phase.TIMED_OUT, now, TIMER, "the transfer stayed open too long");
    }
    if (t.callerAwayUntil() != null && !now.isBefore(t.callerAwayUntil())) {
      return callerLeft(t, now, "the caller's connection dropped and they did not return within "
          + timers.callerReturnGrace().toSeconds() + " s");
    }
    if (t.deadlineAt() == null || now.isBefore(t.deadlineAt())) {
      return Transition.ignore(t, "deadline not reached");
    }
    return switch (t.phase()) {
      case REQUESTED, CALLER_ON_HOLD ->
          end(t, Phase.TIMED_OUT, now, TIMER, "agent B did not join within " + timers.agentBJoin().toSeconds() + " s");
      case AGENT_B_JOINED -> brieferLost(t, now, "the briefing did not start");
      case ACCEPTED -> B_IN_R.equals(t.reason())
          ? complete(t, now, "agent B is with the caller (no microphone published)")
          : end(t, Phase.FAILED, now, TIMER, "the hand-over did not happen within " + timers.handover().toSeconds() + " s");
      default -> Transition.to(t.withDeadline(null), List.of());
    };
  }

  private Transition actionFailed(Transfer t, ActionFailed e) {
    return switch (e.action()) {
      case "create_room", "hold" -> end(t, Phase.FAILED, e.at(), SERVICE, "could not " + e.action().replace('_', ' ') + ": " + e.error());
      case "dispatch_briefer" -> t.phase().beforeDecision()
          ? brieferLost(t, e.at(), "the briefer could not be dispatched")
          : Transition.ignore(t, "briefer no longer needed");
      default -> Transition.ignore(t, "a failed " + e.action() + " changes nothing");
    };
  }

  /** Dispatch the briefer again once; after that, B gets the briefing as text and it counts as given. */
  private Transition brieferLost(Transfer t, Instant at, String why) {
    if (t.brieferDispatches() < MAX_BRIEFER_DISPATCHES) {
      int attempt = t.brieferDispatches() + 1;
      Instant deadline = t.phase() == Phase.AGENT_B_JOINED ? at.plus(timers.briefingStart()) : t.deadlineAt();
      Transfer next = t.withBrieferDispatches(attempt).note(at, SERVICE, why + "; briefer dispatched again").withDeadline(deadline);
      return Transition.to(next, List.of(new TransferAction.DispatchBriefer(t.newRoom(), attempt)));
    }
    if (t.phase() == Phase.AGENT_B_JOINED) {
      Transfer next = t.enter(Phase.BRIEFED, at, SERVICE, why + "; briefing shown as text", null);
      return Transition.to(next, List.of(new TransferAction.SendBriefingText(t.newRoom(), t.agentB()), notify(next)));
    }
    if (t.phase() == Phase.BRIEFED) {
      return Transition.ignore(t, "briefing already given");
    }
    // B has not joined yet: the text goes to B when the briefing deadline after B's join passes.
    return Transition.to(t.note(at, SERVICE, why + "; agent B will get the briefing as text"), List.of());
  }

  Transition complete(Transfer t, Instant at, String why) {
    Transfer next = t.enter(Phase.COMPLETED, at, LIVEKIT, why, null);
    List<TransferAction> actions = new ArrayList<>();
    if (t.mode() == Mode.JOIN_CALLER) {
      // The caller is subscribed to B explicitly (not left to auto-subscription) as hold audio stops.
      actions.add(new TransferAction.Unhold(t.fromRoom(), t.callerIdentity(), t.agentB()));
      actions.add(new TransferAction.InstructBot(t.fromRoom(), BotJob.ASSISTANT, Command.SAY, introduction(t), null, 0));
    }
    // A hears "completed" while still in the call, and A's console leaves by itself; A is removed
    // only if still there after a moment (a removal under a live client breaks its data channels).
    actions.add(notify(next));
    actions.add(new TransferAction.InstructBot(t.newRoom(), BotJob.BRIEFER, Command.TRANSFER_ENDED, why, Phase.COMPLETED, 0));
    if (t.mode() == Mode.JOIN_CALLER) {
      actions.add(new TransferAction.DeleteRoom(t.newRoom(), 0));
    } else {
      actions.add(new TransferAction.RemoveParticipant(t.newRoom(), t.agentA(), A_LEAVES_MS));
    }
    actions.add(new TransferAction.RemoveParticipant(t.fromRoom(), t.agentA(), A_LEAVES_MS));
    return Transition.to(next, actions);
  }

  Transition callerLeft(Transfer t, Instant at, String why) {
    Transfer next = t.enter(Phase.CALLER_LEFT, at, LIVEKIT, why, null);
    return Transition.to(next, List.of(
        new TransferAction.InstructBot(t.newRoom(), BotJob.BRIEFER, Command.TRANSFER_ENDED, why, Phase.CALLER_LEFT, 0),
        new TransferAction.InstructBot(t.fromRoom(), BotJob.ASSISTANT, Command.HOLD_OFF, null, null, 0),
        notify(next),
        new TransferAction.DeleteRoom(t.newRoom(), timers.callerLeftGrace().toMillis())));
  }

  /** declined, timed_out, canceled, failed: the caller hears A again, H goes away, A sees why. */
  private Transition end(Transfer t, Phase phase, Instant at, String by, String why) {
    Transfer next = t.enter(phase, at, by, why, null);
    List<TransferAction> actions = new ArrayList<>();
    actions.add(new TransferAction.Unhold(t.fromRoom(), t.callerIdentity(), t.agentA()));
    actions.add(new TransferAction.InstructBot(t.newRoom(), BotJob.BRIEFER, Command.TRANSFER_ENDED, why, phase, 0));
    actions.add(notify(next));
    actions.add(new TransferAction.DeleteRoom(t.newRoom(), 0));
    return Transition.to(next, actions);
  }

  /** What the caller hears as B takes over: B's name, never B's LiveKit identity ("agent-bob"). */
  String introduction(Transfer t) {
    String who = names.spokenName(t.agentB()).filter(n -> !n.isBlank()).orElse("your new agent");
    return "Thanks for holding. " + Character.toUpperCase(who.charAt(0)) + who.substring(1)
        + " is with you now and has the details.";
  }

  private static TransferAction notify(Transfer t) {
    return new TransferAction.Notify(t.phase(), t.reason(), t.updatedAt());
  }

  private static String orDefault(String s, String fallback) {
    return s == null || s.isBlank() ? fallback : s;
  }
}

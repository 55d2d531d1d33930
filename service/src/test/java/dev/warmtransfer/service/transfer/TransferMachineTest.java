package dev.warmtransfer.service.transfer;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every branch of the design as a plain function call: no database, no LiveKit, no clock. */
class TransferMachineTest {
  static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");
  static final String R = "call-1";
  static final String H = "call-1-transfer-abc";
  final TransferMachine machine = new TransferMachine(TransferTimers.DEFAULTS);

  static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  Transfer requested(Mode mode) {
    return machine.start(new TransferRequestSpec("tr_1", mode, R, H, "alice", "bob", null, "vip", "alice"), T0).transfer();
  }

  Transfer onHold() {
    return apply(requested(Mode.JOIN_CALLER), new HoldPlaced(at(1), "caller-1"));
  }

  Transfer bJoined() {
    return apply(onHold(), new ParticipantJoined(at(5), H, "bob", Kind.HUMAN));
  }

  Transfer briefed() {
    return apply(bJoined(), new BriefingSpoken(at(6), true, "local"));
  }

  Transfer accepted() {
    return apply(briefed(), new Accepted(at(10), "bob"));
  }

  Transfer apply(Transfer t, TransferEvent e) {
    return machine.apply(t, e).transfer();
  }

  static List<Phase> phases(Transfer t) {
    return t.timeline().stream().map(TimelineEntry::state).toList();
  }

  @Test
  void aRequestCreatesTheHandoffRoomHoldsTheCallerAndDispatchesTheBriefer() {
    Transition start =
        machine.start(new TransferRequestSpec("tr_1", Mode.JOIN_CALLER, R, H, "alice", "bob", null, "vip", "alice"), T0);
    Transfer t = start.transfer();
    assertThat(t.phase()).isEqualTo(Phase.REQUESTED);
    assertThat(t.deadlineAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(t.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
    assertThat(t.timeline()).containsExactly(new TimelineEntry(Phase.REQUESTED, T0, "alice", "transfer requested"));
    assertThat(start.actions()).containsExactly(
        new TransferAction.CreateRoom(H),
        new TransferAction.Hold(R, null, "alice"),
        new TransferAction.DispatchBriefer(H, 1),
        new TransferAction.Notify(Phase.REQUESTED, "transfer requested", T0));
  }

  @Test
  void theHappyPathRunsThroughEveryPhaseInOrder() {
    Transfer t = onHold();
    assertThat(t.callerIdentity()).isEqualTo("caller-1");
    t = bJoined();
    assertThat(t.deadlineAt()).isEqualTo(at(5).plusSeconds(20));
    t = briefed();
    assertThat(t.deadlineAt()).isNull();
    t = accepted();
    assertThat(t.deadlineAt()).isEqualTo(at(70));
    t = apply(t, new ParticipantJoined(at(12), R, "bob", Kind.HUMAN));
    Transition done = machine.apply(t, new TrackPublished(at(12), R, "bob"));
    assertThat(done.transfer().phase()).isEqualTo(Phase.COMPLETED);
    // The second ACCEPTED row notes B in the caller's room, waiting for B's microphone.
    assertThat(phases(done.transfer())).containsExactly(
        Phase.REQUESTED, Phase.CALLER_ON_HOLD, Phase.AGENT_B_JOINED, Phase.BRIEFED, Phase.ACCEPTED, Phase.ACCEPTED, Phase.COMPLETED);
    assertThat(done.actions()).containsExactly(
        new TransferAction.Unhold(R, "caller-1", "bob"),
        new TransferAction.InstructBot(R, BotJob.ASSISTANT, Command.SAY, "Thanks for holding. Your new agent is with you now and has the details.", null, 0),
        new TransferAction.Notify(Phase.COMPLETED, "agent B is with the caller", at(12)),
        new TransferAction.InstructBot(H, BotJob.BRIEFER, Command.TRANSFER_ENDED, "agent B is with the caller", Phase.COMPLETED, 0),
        new TransferAction.DeleteRoom(H, 0),
        new TransferAction.RemoveParticipant(R, "alice", 3_000));
  }

  @Test
  void acceptingNeedsNoBriefingFirst() {
    Transfer t = apply(bJoined(), new Accepted(at(7), "bob"));
    assertThat(t.phase()).isEqualTo(Phase.ACCEPTED);
  }

  @Test
  void moveCallerSendsTheCallerToTheHandoffRoomAndCompletesWhenTheCallerArrives() {
    Transfer t = apply(requested(Mode.MOVE_CALLER), new HoldPlaced(at(1), "caller-1"));
    t = apply(t, new ParticipantJoined(at(2), H, "bob", Kind.HUMAN));
    Transition accept = machine.apply(t, new Accepted(at(3), "bob"));
    assertThat(accept.actions()).startsWith(new TransferAction.SendMove(R, "caller-1", H));
    t = accept.transfer();
    // Leaving R is the move itself, not a hang-up.
    assertThat(machine.apply(t, new ParticipantLeft(at(4), R, "caller-1", Kind.HUMAN)).changed()).isFalse();
    Transition done = machine.apply(t, new ParticipantJoined(at(5), H, "caller-1", Kind.HUMAN));
    assertThat(done.transfer().phase()).isEqualTo(Phase.COMPLETED);
    assertThat(done.actions()).contains(new TransferAction.RemoveParticipant(R, "alice", 3_000), new TransferAction.RemoveParticipant(H, "alice", 3_000));
    assertThat(done.actions()).noneMatch(a -> a instanceof TransferAction.DeleteRoom);
  }

  @Test
  void theSeedsMoveCallerEndpointSwitchesAJoinCallerTransferToMoving() {
    Transition move = machine.apply(bJoined(), new MoveRequested(at(7), "alice"));
    assertThat(move.transfer().mode()).isEqualTo(Mode.MOVE_CALLER);
    assertThat(move.transfer().phase()).isEqualTo(Phase.ACCEPTED);
    assertThat(move.actions()).startsWith(new TransferAction.SendMove(R, "caller-1", H));
    // Asked again: the caller's page is told again, nothing else changes.
    Transition again = machine.apply(move.transfer(), new MoveRequested(at(8), "alice"));
    assertThat(again.actions()).containsExactly(new TransferAction.SendMove(R, "caller-1", H));
    assertThat(again.transfer().timeline()).hasSameSizeAs(move.transfer().timeline());
  }

  static Stream<Transfer> openBeforeDecision() {
    TransferMachineTest m = new TransferMachineTest();
    return Stream.of(m.requested(Mode.JOIN_CALLER), m.onHold(), m.bJoined(), m.briefed());
  }

  @ParameterizedTest
  @MethodSource("openBeforeDecision")
  void declineEndsItAndGivesTheCallerBackToAgentA(Transfer t) {
    Transition d = machine.apply(t, new Declined(at(20), "bob", "not my team"));
    assertThat(d.transfer().phase()).isEqualTo(Phase.DECLINED);
    assertThat(d.transfer().timeline().get(d.transfer().timeline().size() - 1))
        .isEqualTo(new TimelineEntry(Phase.DECLINED, at(20), "bob", "not my team"));
    assertThat(d.actions()).containsExactly(
        new TransferAction.Unhold(R, t.callerIdentity(), "alice"),
        new TransferAction.InstructBot(H, BotJob.BRIEFER, Command.TRANSFER_ENDED, "not my team", Phase.DECLINED, 0),
        new TransferAction.Notify(Phase.DECLINED, "not my team", at(20)),
        new TransferAction.DeleteRoom(H, 0));
  }

  @ParameterizedTest
  @MethodSource("openBeforeDecision")
  void cancelByAgentAEndsIt(Transfer t) {
    Transition c = machine.apply(t, new Canceled(at(20), "alice", null));
    assertThat(c.transfer().phase()).isEqualTo(Phase.CANCELED);
    assertThat(c.transfer().reason()).isEqualTo("agent A canceled");
    assertThat(c.actions()).contains(new TransferAction.Unhold(R, t.callerIdentity(), "alice"), new TransferAction.DeleteRoom(H, 0));
  }

  @Test
  void cancelAfterAcceptStillGivesTheCallerBack() {
    Transition c = machine.apply(accepted(), new Canceled(at(20), "alice", "changed my mind"));
    assertThat(c.transfer().phase()).isEqualTo(Phase.CANCELED);
    assertThat(c.actions()).contains(new TransferAction.Unhold(R, "caller-1", "alice"));
  }

  @Test
  void agentBNotJoiningInTimeTimesOut() {
    Transfer t = onHold();
    assertThat(machine.apply(t, new DeadlinePassed(at(59))).changed()).isFalse();
    Transition out = machine.apply(t, new DeadlinePassed(at(60)));
    assertThat(out.transfer().phase()).isEqualTo(Phase.TIMED_OUT);
    assertThat(out.transfer().reason()).isEqualTo("agent B did not join within 60 s");
    assertThat(out.transfer().timeline().get(2).by()).isEqualTo("timer");
    assertThat(out.actions()).contains(new TransferAction.Unhold(R, "caller-1", "alice"), new TransferAction.DeleteRoom(H, 0));
  }

  @Test
  void aTransferCannotStayOpenForever() {
    Transition out = machine.apply(briefed(), new DeadlinePassed(T0.plus(Duration.ofMinutes(15))));
    assertThat(out.transfer().phase()).isEqualTo(Phase.TIMED_OUT);
    assertThat(out.transfer().reason()).isEqualTo("the transfer stayed open too long");
  }

  @Test
  void aHandOverThatNeverHappensFailsAndGivesTheCallerBack() {
    Transition out = machine.apply(accepted(), new DeadlinePassed(at(70)));
    assertThat(out.transfer().phase()).isEqualTo(Phase.FAILED);
    assertThat(out.actions()).contains(new TransferAction.Unhold(R, "caller-1", "alice"));
  }

  @ParameterizedTest
  @MethodSource("openBeforeDecision")
  void theCallerHangingUpEndsItAndTheBrieferTellsB(Transfer base) {
    Transfer t = base.callerIdentity() == null ? base.withCaller("caller-1") : base;
    Transition left = machine.apply(t, new ParticipantLeft(at(30), R, "caller-1", Kind.HUMAN));
    assertThat(left.transfer().phase()).isEqualTo(Phase.CALLER_LEFT);
    assertThat(left.actions()).containsExactly(
        new TransferAction.InstructBot(H, BotJob.BRIEFER, Command.TRANSFER_ENDED, "the caller hung up", Phase.CALLER_LEFT, 0),
        new TransferAction.InstructBot(R, BotJob.ASSISTANT, Command.HOLD_OFF, null, null, 0),
        new TransferAction.Notify(Phase.CALLER_LEFT, "the caller hung up", at(30)),
        new TransferAction.DeleteRoom(H, 4000));
    // No unhold: there is nobody to give back to A.
    assertThat(left.actions()).noneMatch(a -> a instanceof TransferAction.Unhold);
  }

  @Test
  void aCallerWhoseConnectionDroppedGetsTheGraceToReturnAndIsHeldAgain() {
    Transfer t = bJoined();
    Transition away = machine.apply(t, new ParticipantLeft(at(8), R, "caller-1", Kind.HUMAN, true));
    assertThat(away.transfer().phase()).isEqualTo(Phase.AGENT_B_JOINED);
    assertThat(away.transfer().callerAwayUntil()).isEqualTo(at(38));
    assertThat(away.actions()).isEmpty();
    // Within the grace nothing ends; the phase's own deadline is untouched.
    assertThat(away.transfer().deadlineAt()).isEqualTo(t.deadlineAt());
    assertThat(machine.apply(away.transfer(), new DeadlinePassed(at(20))).changed()).isFalse();

    // Back as a new session, which would auto-subscribe to A: hold cuts A off again.
    Transition back = machine.apply(away.transfer(), new ParticipantJoined(at(12), R, "caller-1", Kind.HUMAN));
    assertThat(back.transfer().phase()).isEqualTo(Phase.AGENT_B_JOINED);
    assertThat(back.transfer().callerAwayUntil()).isNull();
    assertThat(back.actions()).containsExactly(new TransferAction.Hold(R, "caller-1", "alice"));
    assertThat(back.transfer().timeline()).extracting(TimelineEntry::reason)
        .contains("the caller's connection dropped; waiting 30 s for them to return", "the caller is back");
    // The transfer goes on to the end.
    Transfer done = apply(apply(apply(back.transfer(), new Accepted(at(14), "bob")),
        new ParticipantJoined(at(15), R, "bob", Kind.HUMAN)), new TrackPublished(at(16), R, "bob"));
    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
  }

  @Test
  void aCallerWhoDoesNotReturnWithinTheGraceHasHungUp() {
    Transfer away = apply(briefed(), new ParticipantLeft(at(8), R, "caller-1", Kind.HUMAN, true));
    assertThat(machine.apply(away, new DeadlinePassed(at(37))).changed()).isFalse();
    Transition gone = machine.apply(away, new DeadlinePassed(at(38)));
    assertThat(gone.transfer().phase()).isEqualTo(Phase.CALLER_LEFT);
    assertThat(gone.transfer().reason()).isEqualTo("the caller's connection dropped and they did not return within 30 s");
    assertThat(gone.actions()).contains(new TransferAction.DeleteRoom(H, 4000));
    // A second drop report while away changes nothing; a goodbye while away ends it at once.
    assertThat(machine.apply(away, new ParticipantLeft(at(9), R, "caller-1", Kind.HUMAN, true)).changed()).isFalse();
    assertThat(apply(away, new ParticipantLeft(at(9), R, "caller-1", Kind.HUMAN)).phase()).isEqualTo(Phase.CALLER_LEFT);
  }

  @Test
  void withoutAGraceADroppedCallerHasHungUp() {
    TransferMachine strict = new TransferMachine(new TransferTimers(Duration.ofSeconds(60), Duration.ofSeconds(20),
        Duration.ofSeconds(60), Duration.ofMinutes(15), Duration.ofSeconds(4), Duration.ZERO));
    Transfer t = strict.apply(strict.start(new TransferRequestSpec("tr_1", Mode.JOIN_CALLER, R, H, "alice", "bob",
        "caller-1", null, "alice"), T0).transfer(), new HoldPlaced(at(1), "caller-1")).transfer();
    assertThat(strict.apply(t, new ParticipantLeft(at(3), R, "caller-1", Kind.HUMAN, true)).transfer().phase())
        .isEqualTo(Phase.CALLER_LEFT);
  }

  @Test
  void afterARestartACallerStillWithinTheGraceIsWaitedFor() {
    Transfer away = apply(bJoined(), new ParticipantLeft(at(8), R, "caller-1", Kind.HUMAN, true));
    Transition within = machine.apply(away, new Reconciled(at(20), Set.of(R, H), Map.of(R, Set.of("alice"), H, Set.of("bob"))));
    assertThat(within.transfer().phase()).isEqualTo(Phase.AGENT_B_JOINED);
    Transition after = machine.apply(away, new Reconciled(at(40), Set.of(R, H), Map.of(R, Set.of("alice"), H, Set.of("bob"))));
    assertThat(after.transfer().phase()).isEqualTo(Phase.CALLER_LEFT);
  }

  @Test
  void aCallAssistantArrivingDuringHoldIsToldToHold() {
    // It missed the first instruction (the transfer came first, or it replaces one that died).
    Transition late = machine.apply(bJoined(), new ParticipantJoined(at(7), R, "wt-assistant-2", Kind.ASSISTANT));
    assertThat(late.actions()).containsExactly(new TransferAction.Hold(R, "caller-1", "alice"));
    assertThat(late.transfer().phase()).isEqualTo(Phase.AGENT_B_JOINED);
    // Not in H, and not once the caller is no longer on hold.
    assertThat(machine.apply(bJoined(), new ParticipantJoined(at(7), H, "wt-assistant-2", Kind.ASSISTANT)).changed()).isFalse();
    Transfer canceled = apply(bJoined(), new Canceled(at(8), "alice", null));
    assertThat(machine.apply(canceled, new ParticipantJoined(at(9), R, "wt-assistant-2", Kind.ASSISTANT)).changed()).isFalse();
  }

  @Test
  void theCallRoomClosingCountsAsTheCallerLeaving() {
    assertThat(apply(bJoined(), new RoomFinished(at(9), R)).phase()).isEqualTo(Phase.CALLER_LEFT);
    assertThat(machine.apply(bJoined(), new RoomFinished(at(9), "other")).changed()).isFalse();
  }

  @Test
  void aBrieferThatDiesIsDispatchedAgainOnceThenBGetsText() {
    Transfer t = bJoined();
    Transition first = machine.apply(t, new ParticipantLeft(at(7), H, "wt-briefer-1", Kind.BRIEFER));
    assertThat(first.actions()).containsExactly(new TransferAction.DispatchBriefer(H, 2));
    assertThat(first.transfer().phase()).isEqualTo(Phase.AGENT_B_JOINED);
    assertThat(first.transfer().brieferDispatches()).isEqualTo(2);
    assertThat(first.transfer().reason()).isEqualTo("the briefer left unexpectedly; briefer dispatched again");
    assertThat(first.transfer().deadlineAt()).isEqualTo(at(27));
    Transition second = machine.apply(first.transfer(), new ParticipantLeft(at(9), H, "wt-briefer-2", Kind.BRIEFER));
    assertThat(second.transfer().phase()).isEqualTo(Phase.BRIEFED);
    assertThat(second.actions()).startsWith(new TransferAction.SendBriefingText(H, "bob"));
  }

  @Test
  void aBriefingThatNeverStartsIsDispatchedAgainThenGivenAsText() {
    Transfer t = bJoined();
    Transition first = machine.apply(t, new DeadlinePassed(at(25)));
    assertThat(first.actions()).containsExactly(new TransferAction.DispatchBriefer(H, 2));
    Transition second = machine.apply(first.transfer(), new DeadlinePassed(at(45)));
    assertThat(second.transfer().phase()).isEqualTo(Phase.BRIEFED);
    assertThat(second.transfer().reason()).isEqualTo("the briefing did not start; briefing shown as text");
  }

  @Test
  void aBriefingThatStartedIsNotTakenForLostHoweverLongItSpeaks() {
    Transfer started = apply(bJoined(), new BriefingStarted(at(6), H, "bob"));
    assertThat(started.deadlineAt()).isNull();
    assertThat(machine.apply(started, new DeadlinePassed(at(40))).actions()).isEmpty();
    assertThat(machine.apply(bJoined(), new BriefingStarted(at(6), H, "mallory")).changed()).isFalse();
    // Reported before LiveKit's webhook: B joined, and nothing waits on a deadline.
    Transfer early = apply(onHold(), new BriefingStarted(at(3), H, "bob"));
    assertThat(early.phase()).isEqualTo(Phase.AGENT_B_JOINED);
    assertThat(early.deadlineAt()).isNull();
  }

  @Test
  void aBrieferThatCannotBeDispatchedIsTriedAgain() {
    Transition t = machine.apply(onHold(), new ActionFailed(at(2), "dispatch_briefer", "no worker"));
    assertThat(t.actions()).containsExactly(new TransferAction.DispatchBriefer(H, 2));
    assertThat(t.transfer().phase()).isEqualTo(Phase.CALLER_ON_HOLD);
  }

  @Test
  void holdOrRoomThatCannotBeMadeFailsTheTransfer() {
    Transition t = machine.apply(requested(Mode.JOIN_CALLER), new ActionFailed(at(2), "hold", "LiveKit unreachable"));
    assertThat(t.transfer().phase()).isEqualTo(Phase.FAILED);
    assertThat(t.transfer().reason()).isEqualTo("could not hold: LiveKit unreachable");
    assertThat(t.actions()).contains(new TransferAction.Unhold(R, null, "alice"));
    assertThat(machine.apply(onHold(), new ActionFailed(at(2), "notify", "x")).changed()).isFalse();
  }

  @Test
  void agentAPublishingANewTrackDuringHoldIsCutOffAgain() {
    Transition t = machine.apply(bJoined(), new TrackPublished(at(8), R, "alice"));
    assertThat(t.actions()).containsExactly(new TransferAction.Hold(R, "caller-1", "alice"));
    assertThat(t.transfer().phase()).isEqualTo(Phase.AGENT_B_JOINED);
    assertThat(machine.apply(bJoined(), new TrackPublished(at(8), R, "caller-1")).changed()).isFalse();
  }

  // Late, repeated and out-of-order events: never backwards.

  @Test
  void aRepeatedJoinOrBriefingChangesNothing() {
    Transfer t = briefed();
    assertThat(machine.apply(t, new ParticipantJoined(at(9), H, "bob", Kind.HUMAN)).changed()).isFalse();
    assertThat(machine.apply(t, new BriefingSpoken(at(9), true, "local")).changed()).isFalse();
    assertThat(machine.apply(accepted(), new Accepted(at(11), "bob")).changed()).isFalse();
  }

  @Test
  void aLateHoldReportKeepsThePhaseButLearnsTheCaller() {
    Transfer joined = apply(requested(Mode.JOIN_CALLER), new ParticipantJoined(at(1), H, "bob", Kind.HUMAN));
    assertThat(joined.phase()).isEqualTo(Phase.AGENT_B_JOINED);
    Transition late = machine.apply(joined, new HoldPlaced(at(2), "caller-1"));
    assertThat(late.transfer().phase()).isEqualTo(Phase.AGENT_B_JOINED);
    assertThat(late.transfer().callerIdentity()).isEqualTo("caller-1");
    assertThat(late.actions()).isEmpty();
  }

  @Test
  void aBriefingReportedBeforeTheJoinWebhookRecordsBothInOrder() {
    Transfer t = apply(onHold(), new BriefingSpoken(at(4), false, "openai"));
    assertThat(phases(t)).containsExactly(Phase.REQUESTED, Phase.CALLER_ON_HOLD, Phase.AGENT_B_JOINED, Phase.BRIEFED);
    // ... and the join webhook arriving afterwards does not move it back.
    assertThat(apply(t, new ParticipantJoined(at(5), H, "bob", Kind.HUMAN)).phase()).isEqualTo(Phase.BRIEFED);
  }

  @Test
  void declineAfterAcceptIsIgnored() {
    assertThat(machine.apply(accepted(), new Declined(at(11), "bob", "oops")).changed()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(value = Phase.class, names = {"COMPLETED", "DECLINED", "TIMED_OUT", "CANCELED", "CALLER_LEFT", "FAILED"})
  void nothingMovesAFinishedTransfer(Phase end) {
    Transfer done = onHold().enter(end, at(3), "x", "done", null);
    List<TransferEvent> events = List.of(
        new HoldPlaced(at(4), "c"),
        new ParticipantJoined(at(4), H, "bob", Kind.HUMAN),
        new ParticipantJoined(at(4), R, "bob", Kind.HUMAN),
        new ParticipantLeft(at(4), R, "caller-1", Kind.HUMAN),
        new TrackPublished(at(4), R, "alice"),
        new RoomFinished(at(4), R),
        new BriefingSpoken(at(4), true, "local"),
        new Accepted(at(4), "bob"),
        new MoveRequested(at(4), "alice"),
        new Declined(at(4), "bob", "x"),
        new Canceled(at(4), "alice", "x"),
        new DeadlinePassed(at(4000)),
        new ActionFailed(at(4), "hold", "x"),
        new Reconciled(at(4), Set.of(), Map.of()));
    for (TransferEvent e : events) {
      Transition tr = machine.apply(done, e);
      assertThat(tr.changed()).as(e.toString()).isFalse();
      assertThat(tr.transfer()).isSameAs(done);
      assertThat(tr.actions()).isEmpty();
    }
  }

  @Test
  void joinsOfOtherPeopleOrBotsDoNotCount() {
    Transfer t = onHold();
    assertThat(machine.apply(t, new ParticipantJoined(at(3), H, "mallory", Kind.HUMAN)).changed()).isFalse();
    assertThat(machine.apply(t, new ParticipantJoined(at(3), R, "bob", Kind.HUMAN)).changed()).isFalse();
    assertThat(machine.apply(t, new ParticipantJoined(at(3), H, "bob", Kind.BRIEFER)).changed()).isFalse();
  }

  // After a restart.

  @Test
  void reconcileFindsBInTheHandoffRoomAndHoldsAgain() {
    Transition r = machine.apply(onHold(), new Reconciled(at(20), Set.of(R, H), Map.of(R, Set.of("caller-1", "alice"), H, Set.of("alice", "bob"))));
    assertThat(r.transfer().phase()).isEqualTo(Phase.AGENT_B_JOINED);
    assertThat(r.actions()).contains(new TransferAction.Hold(R, "caller-1", "alice"));
  }

  @Test
  void reconcileCompletesAnAcceptedTransferWhoseBIsAlreadyWithTheCaller() {
    Transition r = machine.apply(accepted(), new Reconciled(at(20), Set.of(R, H), Map.of(R, Set.of("caller-1", "alice", "bob"))));
    assertThat(r.transfer().phase()).isEqualTo(Phase.COMPLETED);
  }

  @Test
  void reconcileNoticesTheCallerLeftWhileTheServiceWasAway() {
    Transition r = machine.apply(bJoined(), new Reconciled(at(20), Set.of(R, H), Map.of(R, Set.of("alice"))));
    assertThat(r.transfer().phase()).isEqualTo(Phase.CALLER_LEFT);
    Transition gone = machine.apply(bJoined(), new Reconciled(at(20), Set.of(H), Map.of()));
    assertThat(gone.transfer().phase()).isEqualTo(Phase.CALLER_LEFT);
  }

  @Test
  void reconcileRecreatesAMissingHandoffRoom() {
    Transition r = machine.apply(onHold(), new Reconciled(at(20), Set.of(R), Map.of(R, Set.of("caller-1", "alice"))));
    assertThat(r.transfer().phase()).isEqualTo(Phase.CALLER_ON_HOLD);
    assertThat(r.actions()).containsExactly(new TransferAction.Hold(R, "caller-1", "alice"), new TransferAction.CreateRoom(H));
  }

  @Test
  void theCallerHearsAgentBsNameNotItsIdentity() {
    TransferMachine named = new TransferMachine(TransferTimers.DEFAULTS,
        identity -> identity.equals("bob") ? java.util.Optional.of("Bob Baker") : java.util.Optional.empty());
    Transfer t = named.start(new TransferRequestSpec("tr_1", Mode.JOIN_CALLER, R, H, "alice", "bob", null, "vip", "alice"),
        T0).transfer();
    for (TransferEvent e : List.of(new HoldPlaced(at(1), "caller-1"), new ParticipantJoined(at(5), H, "bob", Kind.HUMAN),
        new BriefingSpoken(at(6), true, "local"), new Accepted(at(10), "bob"),
        new ParticipantJoined(at(12), R, "bob", Kind.HUMAN))) {
      t = named.apply(t, e).transfer();
    }
    Transition done = named.apply(t, new TrackPublished(at(12), R, "bob"));
    assertThat(done.transfer().phase()).isEqualTo(Phase.COMPLETED);
    assertThat(done.actions()).contains(new TransferAction.InstructBot(R, BotJob.ASSISTANT, Command.SAY,
        "Thanks for holding. Bob Baker is with you now and has the details.", null, 0));
    // No account for the identity: no name, and never the identity itself ("bob", "agent-b").
    assertThat(machine.introduction(t)).isEqualTo("Thanks for holding. Your new agent is with you now and has the details.");
  }
}

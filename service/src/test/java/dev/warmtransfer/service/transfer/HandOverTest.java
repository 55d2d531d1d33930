package dev.warmtransfer.service.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.service.transfer.TransferEvent.Accepted;
import dev.warmtransfer.service.transfer.TransferEvent.DeadlinePassed;
import dev.warmtransfer.service.transfer.TransferEvent.HoldPlaced;
import dev.warmtransfer.service.transfer.TransferEvent.Kind;
import dev.warmtransfer.service.transfer.TransferEvent.ParticipantJoined;
import dev.warmtransfer.service.transfer.TransferEvent.TrackPublished;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The caller's hand-over from hold to Agent B: hold stops when B's microphone is in the caller's
 * room, not when B's connection is, so the caller does not sit in silence while B's media comes up
 * (bench transfer measured up to 3.6 s of it when hold stopped on B's join).
 */
class HandOverTest {
  private static final Instant T0 = Instant.parse("2026-12-06T23:00:00Z");
  private static final String R = "call-1";
  private static final String H = "call-1-transfer-abc";
  private final TransferMachine machine = new TransferMachine(TransferTimers.DEFAULTS);

  private Transfer accepted() {
    Transfer t = machine.start(new TransferRequestSpec("tr_1", Mode.JOIN_CALLER, R, H, "alice", "bob", null, null, "alice"), T0)
        .transfer();
    t = machine.apply(t, new HoldPlaced(T0.plusSeconds(1), "caller-1")).transfer();
    t = machine.apply(t, new ParticipantJoined(T0.plusSeconds(2), H, "bob", Kind.HUMAN)).transfer();
    return machine.apply(t, new Accepted(T0.plusSeconds(5), "bob")).transfer();
  }

  private static boolean stopsHold(Transition tr) {
    return tr.actions().stream().anyMatch(a -> a instanceof TransferAction.Unhold);
  }

  @Test
  void bJoiningTheCallersRoomKeepsTheCallerOnHoldUntilBsMicrophoneIsThere() {
    Transition joined = machine.apply(accepted(), new ParticipantJoined(T0.plusSeconds(6), R, "bob", Kind.HUMAN));
    assertThat(joined.transfer().phase()).isEqualTo(Phase.ACCEPTED);
    assertThat(stopsHold(joined)).as("hold must not stop before B publishes").isFalse();

    Transition published = machine.apply(joined.transfer(), new TrackPublished(T0.plusMillis(6_400), R, "bob"));
    assertThat(published.transfer().phase()).isEqualTo(Phase.COMPLETED);
    // The caller is subscribed to B (explicitly) as the very first step, then hold stops with it.
    assertThat(published.actions().get(0)).isEqualTo(new TransferAction.Unhold(R, "caller-1", "bob"));
  }

  @Test
  void bsMicrophoneAnnouncedBeforeBsJoinCompletesAtOnce() {
    Transition published = machine.apply(accepted(), new TrackPublished(T0.plusSeconds(6), R, "bob"));
    assertThat(published.transfer().phase()).isEqualTo(Phase.COMPLETED);
    assertThat(machine.apply(published.transfer(), new ParticipantJoined(T0.plusSeconds(6), R, "bob", Kind.HUMAN)).changed())
        .isFalse();
  }

  @Test
  void aBWhoPublishesNothingIsWithTheCallerAfterTheGraceNotFailed() {
    Transfer joined = machine.apply(accepted(), new ParticipantJoined(T0.plusSeconds(6), R, "bob", Kind.HUMAN)).transfer();
    assertThat(joined.deadlineAt()).isEqualTo(T0.plusSeconds(6).plus(TransferMachine.MICROPHONE_GRACE));
    assertThat(machine.apply(joined, new DeadlinePassed(T0.plusSeconds(7))).changed()).isFalse();
    Transition late = machine.apply(joined, new DeadlinePassed(T0.plusSeconds(6).plus(TransferMachine.MICROPHONE_GRACE)));
    assertThat(late.transfer().phase()).isEqualTo(Phase.COMPLETED);
    assertThat(late.actions().get(0)).isEqualTo(new TransferAction.Unhold(R, "caller-1", "bob"));
  }

  @Test
  void otherTracksInTheCallersRoomDoNotEndTheHold() {
    Transfer t = accepted();
    assertThat(machine.apply(t, new TrackPublished(T0.plusSeconds(6), R, "caller-1")).transfer().phase()).isEqualTo(Phase.ACCEPTED);
    assertThat(machine.apply(t, new TrackPublished(T0.plusSeconds(6), H, "bob")).transfer().phase()).isEqualTo(Phase.ACCEPTED);
    // B never comes: the hand-over deadline still fails it and gives the caller back to A.
    assertThat(machine.apply(t, new DeadlinePassed(T0.plusSeconds(65))).transfer().phase()).isEqualTo(Phase.FAILED);
  }
}

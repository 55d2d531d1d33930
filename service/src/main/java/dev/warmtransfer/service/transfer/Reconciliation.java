package dev.warmtransfer.service.transfer;

import dev.warmtransfer.service.transfer.TransferEvent.Kind;
import dev.warmtransfer.service.transfer.TransferEvent.ParticipantJoined;
import dev.warmtransfer.service.transfer.TransferEvent.Reconciled;
import java.util.ArrayList;
import java.util.List;

/** The machine's step after a restart: LiveKit's rooms say what happened while the service was away. */
final class Reconciliation {
  private final TransferMachine machine;

  Reconciliation(TransferMachine machine) {
    this.machine = machine;
  }

  Transition apply(Transfer t, Reconciled e) {
    boolean moving = t.mode() == Mode.MOVE_CALLER && t.phase() == Phase.ACCEPTED;
    if (!moving && !e.openRooms().contains(t.fromRoom())) {
      return machine.callerLeft(t, e.at(), "the call room closed while the service was away");
    }
    boolean callerThere = t.callerIdentity() == null || e.in(t.fromRoom()).contains(t.callerIdentity());
    boolean awayInGrace = t.callerAwayUntil() != null && e.at().isBefore(t.callerAwayUntil());
    if (!moving && !callerThere && !awayInGrace) {
      return machine.callerLeft(t, e.at(), "the caller left while the service was away");
    }
    Transition step = Transition.ignore(t, "nothing changed while the service was away");
    Transfer cur = t;
    List<TransferAction> actions = new ArrayList<>();
    if (cur.phase() == Phase.ACCEPTED && cur.mode() == Mode.JOIN_CALLER && e.in(cur.fromRoom()).contains(cur.agentB())) {
      return machine.complete(cur, e.at(), "agent B is with the caller");
    }
    if (cur.phase() == Phase.ACCEPTED && cur.mode() == Mode.MOVE_CALLER && cur.callerIdentity() != null
        && e.in(cur.newRoom()).contains(cur.callerIdentity())) {
      return machine.complete(cur, e.at(), "the caller moved to agent B");
    }
    if ((cur.phase() == Phase.REQUESTED || cur.phase() == Phase.CALLER_ON_HOLD) && e.in(cur.newRoom()).contains(cur.agentB())) {
      step = machine.joined(cur, new ParticipantJoined(e.at(), cur.newRoom(), cur.agentB(), Kind.HUMAN));
      cur = step.transfer();
      actions.addAll(step.actions());
    }
    if (TransferMachine.holding(cur)) {
      // LiveKit may have restarted and forgotten the subscriptions: hold again (idempotent).
      actions.add(new TransferAction.Hold(cur.fromRoom(), cur.callerIdentity(), cur.agentA()));
      if (!e.openRooms().contains(cur.newRoom())) {
        actions.add(new TransferAction.CreateRoom(cur.newRoom()));
      }
    }
    return actions.isEmpty() ? step : Transition.to(cur, actions);
  }
}

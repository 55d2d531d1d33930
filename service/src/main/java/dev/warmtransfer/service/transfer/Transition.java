package dev.warmtransfer.service.transfer;

import java.util.List;
import java.util.Objects;

/**
 * The result of applying an event: the next transfer and what must be done. {@code ignored} says
 * why nothing changed (a late, repeated or out-of-order event), for the log.
 */
public record Transition(Transfer transfer, List<TransferAction> actions, boolean changed, String ignored) {
  public Transition {
    Objects.requireNonNull(transfer, "transfer");
    actions = List.copyOf(actions);
  }

  static Transition ignore(Transfer t, String why) {
    return new Transition(t, List.of(), false, why);
  }

  static Transition to(Transfer t, List<TransferAction> actions) {
    return new Transition(t, actions, true, null);
  }
}

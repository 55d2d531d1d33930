package dev.warmtransfer.service.transfer;

import java.util.Objects;

/** An action as stored: which transfer asked for it, its place in that transfer's order, its tries. */
public record StoredAction(String transferId, int seq, TransferAction action, int attempts) {
  public StoredAction {
    Objects.requireNonNull(transferId, "transferId");
    Objects.requireNonNull(action, "action");
  }
}

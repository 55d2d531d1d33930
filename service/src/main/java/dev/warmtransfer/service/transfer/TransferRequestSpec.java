package dev.warmtransfer.service.transfer;

import java.util.Objects;

/** A transfer as asked for, with its id and handoff room already chosen. */
public record TransferRequestSpec(
    String id, Mode mode, String fromRoom, String newRoom, String agentA, String agentB, String callerIdentity,
    String notes, String requestedBy) {
  public TransferRequestSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(fromRoom, "fromRoom");
    Objects.requireNonNull(newRoom, "newRoom");
    Objects.requireNonNull(agentA, "agentA");
    Objects.requireNonNull(agentB, "agentB");
    Objects.requireNonNull(requestedBy, "requestedBy");
    if (agentA.equals(agentB)) {
      throw new IllegalArgumentException("agentB must differ from agentA");
    }
  }
}

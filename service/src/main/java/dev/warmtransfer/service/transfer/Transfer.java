package dev.warmtransfer.service.transfer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One transfer as the service knows it: an immutable value. {@link TransferMachine} makes the
 * next value from it and an event; {@link TransferStore} keeps it.
 *
 * @param deadlineAt when the current phase's timer runs out (null: no timer in this phase)
 * @param callerAwayUntil the caller's connection dropped: when it counts as a hang-up unless the
 *     caller is back (null: the caller is not away)
 * @param expiresAt when the transfer times out whatever its phase
 * @param version bumped by every stored change (optimistic locking)
 */
public record Transfer(
    String id,
    Phase phase,
    Mode mode,
    String fromRoom,
    String newRoom,
    String agentA,
    String agentB,
    String callerIdentity,
    String notes,
    int brieferDispatches,
    Instant deadlineAt,
    Instant callerAwayUntil,
    Instant expiresAt,
    Instant createdAt,
    Instant updatedAt,
    long version,
    List<TimelineEntry> timeline) {

  public Transfer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(fromRoom, "fromRoom");
    Objects.requireNonNull(newRoom, "newRoom");
    Objects.requireNonNull(agentA, "agentA");
    Objects.requireNonNull(agentB, "agentB");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (brieferDispatches < 0) {
      throw new IllegalArgumentException("brieferDispatches < 0");
    }
    timeline = List.copyOf(Objects.requireNonNull(timeline, "timeline"));
  }

  /** The last reason the timeline gives. */
  public String reason() {
    return timeline.isEmpty() ? "" : timeline.get(timeline.size() - 1).reason();
  }

  Transfer enter(Phase next, Instant at, String by, String reason, Instant deadline) {
    List<TimelineEntry> rows = new ArrayList<>(timeline);
    rows.add(new TimelineEntry(next, at, by, reason));
    return new Transfer(id, next, mode, fromRoom, newRoom, agentA, agentB, callerIdentity, notes,
        brieferDispatches, deadline, callerAwayUntil, expiresAt, createdAt, at, version, rows);
  }

  /** A timeline row without a phase change (e.g. the briefer was dispatched again). */
  Transfer note(Instant at, String by, String reason) {
    return enter(phase, at, by, reason, deadlineAt);
  }

  Transfer withCaller(String caller) {
    return new Transfer(id, phase, mode, fromRoom, newRoom, agentA, agentB, caller, notes,
        brieferDispatches, deadlineAt, callerAwayUntil, expiresAt, createdAt, updatedAt, version, timeline);
  }

  Transfer withMode(Mode m) {
    return new Transfer(id, phase, m, fromRoom, newRoom, agentA, agentB, callerIdentity, notes,
        brieferDispatches, deadlineAt, callerAwayUntil, expiresAt, createdAt, updatedAt, version, timeline);
  }

  Transfer withDeadline(Instant deadline) {
    return new Transfer(id, phase, mode, fromRoom, newRoom, agentA, agentB, callerIdentity, notes,
        brieferDispatches, deadline, callerAwayUntil, expiresAt, createdAt, updatedAt, version, timeline);
  }

  Transfer withCallerAwayUntil(Instant until) {
    return new Transfer(id, phase, mode, fromRoom, newRoom, agentA, agentB, callerIdentity, notes,
        brieferDispatches, deadlineAt, until, expiresAt, createdAt, updatedAt, version, timeline);
  }

  Transfer withBrieferDispatches(int n) {
    return new Transfer(id, phase, mode, fromRoom, newRoom, agentA, agentB, callerIdentity, notes,
        n, deadlineAt, callerAwayUntil, expiresAt, createdAt, updatedAt, version, timeline);
  }

  public Transfer withVersion(long v) {
    return new Transfer(id, phase, mode, fromRoom, newRoom, agentA, agentB, callerIdentity, notes,
        brieferDispatches, deadlineAt, callerAwayUntil, expiresAt, createdAt, updatedAt, v, timeline);
  }
}

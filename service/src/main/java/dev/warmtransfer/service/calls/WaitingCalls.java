package dev.warmtransfer.service.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls that reached the service and no agent has taken yet. In memory: a waiting call lives for
 * minutes and LiveKit's room is the truth; bounded, since anyone may start a call.
 */
public final class WaitingCalls {
  public record Call(String room, String callerIdentity, Instant createdAt) {
    public Call {
      Objects.requireNonNull(room, "room");
      Objects.requireNonNull(callerIdentity, "callerIdentity");
      Objects.requireNonNull(createdAt, "createdAt");
    }
  }

  private final Map<String, Call> byRoom = new ConcurrentHashMap<>();
  private final int capacity;
  private final Duration maxWait;
  private final Clock clock;

  public WaitingCalls(int capacity, Duration maxWait, Clock clock) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity <= 0");
    }
    this.capacity = capacity;
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Adds a waiting call; false when full (the caller is told to retry). */
  public boolean add(String room, String callerIdentity) {
    forgetStale();
    if (byRoom.size() >= capacity) {
      return false;
    }
    byRoom.putIfAbsent(room, new Call(room, callerIdentity, clock.instant()));
    return true;
  }

  /** Takes the call in {@code room}: exactly one agent gets it. */
  public Optional<Call> take(String room) {
    forgetStale();
    return Optional.ofNullable(byRoom.remove(room));
  }

  public void forget(String room) {
    byRoom.remove(room);
  }

  public List<Call> waiting() {
    forgetStale();
    return byRoom.values().stream().sorted(Comparator.comparing(Call::createdAt)).toList();
  }

  private void forgetStale() {
    Instant cutoff = clock.instant().minus(maxWait);
    byRoom.values().removeIf(c -> c.createdAt().isBefore(cutoff));
  }
}

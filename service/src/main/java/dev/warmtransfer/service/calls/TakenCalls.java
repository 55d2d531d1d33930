package dev.warmtransfer.service.calls;

import java.time.Clock;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Who took each call room, in the database: unlike {@link WaitingCalls} it is not forgotten after a
 * while, so the taker keeps (and only the taker gets) tokens for the room until LiveKit closes it.
 */
public final class TakenCalls {
  private final Jdbi jdbi;
  private final Clock clock;

  public TakenCalls(Jdbi jdbi, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Records that {@code agent} took the call in {@code room} (WaitingCalls made sure only one did). */
  public void record(String room, String agent) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(agent, "agent");
    jdbi.useHandle(h -> h.createUpdate("insert into taken_calls (room, agent, taken_at) values (:room, :agent, :at)")
        .bind("room", room).bind("agent", agent).bind("at", clock.millis()).execute());
  }

  /**
   * Claims {@code room} for {@code agent} (an agent's call link: the room it made a link for is
   * its call); false when another agent has it already.
   */
  public boolean claim(String room, String agent) {
    if (!tookCall(room, agent)) {
      try {
        record(room, agent);
      } catch (UnableToExecuteStatementException alreadyTaken) {
        // The primary key said no: someone has the room; tookCall below says whether it is this agent.
      }
    }
    return tookCall(room, agent);
  }

  public boolean tookCall(String room, String agent) {
    return jdbi.withHandle(h -> h.createQuery("select count(*) from taken_calls where room = :room and agent = :agent")
        .bind("room", room).bind("agent", agent).mapTo(Integer.class).one()) > 0;
  }

  /** The room is gone (LiveKit's room_finished). */
  public void forget(String room) {
    jdbi.useHandle(h -> h.createUpdate("delete from taken_calls where room = :room").bind("room", room).execute());
  }
}

package dev.warmtransfer.service.transfer;

import dev.warmtransfer.service.auth.Actor;
import dev.warmtransfer.service.auth.AuthFailure;
import dev.warmtransfer.service.auth.Right;
import dev.warmtransfer.service.auth.RoomMembers;
import dev.warmtransfer.service.events.TransferFeed;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Who may see and decide a transfer: its own agents (A starts and cancels, B accepts and
 * declines), and API keys given the {@code transfers} right, on the agents' behalf.
 */
public class TransferAccess {
  // Outside dev mode an agent transfers only a call it belongs in (not one whose name it learned).
  private final RoomMembers members;
  private final boolean devMode;

  public TransferAccess(RoomMembers members, boolean devMode) {
    this.members = java.util.Objects.requireNonNull(members, "members");
    this.devMode = devMode;
  }

  public boolean maySee(SecurityContext security, Transfer t) {
    return maySee(Actor.orNull(security), t.agentA(), t.agentB());
  }

  /** For the event stream: whether the watcher may see this change. */
  public boolean maySee(SecurityContext security, TransferFeed.Change change) {
    return maySee(Actor.orNull(security), change.agentA(), change.agentB());
  }

  /** Starting a transfer: Agent A from a room it belongs in, or a key with the right. */
  public void requireStart(SecurityContext security, String agentA, String fromRoom) {
    Actor a = Actor.of(security);
    require(a, agentA, "agentA", "only agent A starts a transfer of their call");
    if (a.isAgent() && !devMode && !members.belongs(fromRoom, a.identity())) {
      throw AuthFailure.forbidden("fromRoom", "you transfer only a call you took (POST /calls/{room}/take)");
    }
  }

  public void requireAgentB(SecurityContext security, Transfer t) {
    require(Actor.of(security), t.agentB(), "id", "only agent B accepts or declines this transfer");
  }

  public void requireAgentA(SecurityContext security, Transfer t) {
    require(Actor.of(security), t.agentA(), "id", "only agent A cancels or moves this transfer");
  }

  /** Whether the caller may hold a token in {@code agent}'s name: that agent, or a key with the right. */
  public boolean mayActFor(SecurityContext security, String agent) {
    Actor a = Actor.orNull(security);
    return a != null && (a.isAgent() ? a.identity().equals(agent) : a.kind() == Actor.Kind.API_CLIENT && a.may(Right.TRANSFERS));
  }

  /** The name the timeline records: the agent, or the key acting for the named agent. */
  public String who(SecurityContext security, String onBehalfOf) {
    Actor a = Actor.orNull(security);
    if (a == null) {
      return onBehalfOf;
    }
    String by = a.isAgent() ? a.identity() : onBehalfOf + " (key " + a.identity() + ")";
    return by.length() <= 128 ? by : by.substring(0, 128);
  }

  private static boolean maySee(Actor a, String agentA, String agentB) {
    if (a == null) {
      return false;
    }
    if (a.isAgent()) {
      return a.identity().equals(agentA) || a.identity().equals(agentB);
    }
    return a.kind() == Actor.Kind.API_CLIENT && a.may(Right.TRANSFERS);
  }

  private static void require(Actor a, String agent, String field, String why) {
    if (a.isAgent() ? a.identity().equals(agent) : a.kind() == Actor.Kind.API_CLIENT && a.may(Right.TRANSFERS)) {
      return;
    }
    throw AuthFailure.forbidden(field, why);
  }
}

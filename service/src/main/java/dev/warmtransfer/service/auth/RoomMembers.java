package dev.warmtransfer.service.auth;

/**
 * Who belongs in a room, outside dev mode: a call the agent took, or a transfer it is part of.
 * Asked before a signed-in agent gets a token for a room or starts a transfer from one.
 */
@FunctionalInterface
public interface RoomMembers {
  boolean belongs(String room, String agentIdentity);
}

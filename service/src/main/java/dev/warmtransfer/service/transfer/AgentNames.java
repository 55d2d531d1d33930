package dev.warmtransfer.service.transfer;

import java.util.Optional;

/** The name a caller hears for an agent: the display name of a signed-in agent's account. */
@FunctionalInterface
public interface AgentNames {
  /** No accounts (tests, and identities nobody signed in as): callers hear no name. */
  AgentNames NONE = identity -> Optional.empty();

  /** The name to say for a LiveKit identity, if the identity is an agent's with an account. */
  Optional<String> spokenName(String identity);
}

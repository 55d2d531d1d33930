package dev.warmtransfer.service.auth;

import java.util.Optional;

/** Turns a presented secret (API key or session token) into the actor it stands for. */
public interface Credentials {
  /** A bearer secret: an API key or a session token. Empty when unknown, expired or revoked. */
  Optional<Actor> bearer(String secret);

  /** The session cookie's value. Empty when unknown, expired or revoked. */
  Optional<Actor> session(String secret);
}

package dev.warmtransfer.service.auth;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: the principal every protected request carries in its SecurityContext.
 *
 * <p>{@code identity} is what LiveKit knows the actor as (an agent's own participant identity, a
 * key's id); the service decides it, never the request.
 */
public record Actor(Kind kind, String identity, String name, String team, Set<Right> rights) implements Principal {
  public enum Kind {
    AGENT,
    API_CLIENT,
    CALLER,
    BOT;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Actor {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(identity, "identity");
    if (identity.isBlank()) {
      throw new IllegalArgumentException("identity is blank");
    }
    name = name == null ? identity : name;
    rights = rights == null || rights.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rights));
  }

  public static Actor agent(String identity, String name, String team) {
    return new Actor(Kind.AGENT, identity, name, Objects.requireNonNull(team, "team"), Set.of());
  }

  public static Actor apiClient(String keyId, String name, Set<Right> rights) {
    return new Actor(Kind.API_CLIENT, keyId, name, null, rights);
  }

  /** The authenticated actor of this request; a 401 JSON error when the request carries none. */
  public static Actor of(SecurityContext context) {
    if (context != null && context.getUserPrincipal() instanceof Actor actor) {
      return actor;
    }
    throw AuthFailure.unauthenticated();
  }

  /** The actor, or null for an anonymous request on an open path. */
  public static Actor orNull(SecurityContext context) {
    return context != null && context.getUserPrincipal() instanceof Actor actor ? actor : null;
  }

  public boolean may(Right right) {
    return rights.contains(right);
  }

  public boolean isAgent() {
    return kind == Kind.AGENT;
  }

  /** A 403 naming {@code field} unless this actor holds {@code right}. */
  public Actor require(Right right, String field) {
    if (!may(right)) {
      throw AuthFailure.forbidden(field, "this credential may not do that (needs right '" + right.wireName() + "')");
    }
    return this;
  }

  /** The principal name is the identity: what logs and LiveKit know this actor by. */
  @Override
  public String getName() {
    return identity;
  }

  @Override
  public String toString() {
    return kind.wireName() + ":" + identity;
  }
}

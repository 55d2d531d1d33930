package dev.warmtransfer.service.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who is calling before any resource is matched, so an endpoint nobody remembered to
 * protect is protected anyway (see {@link Access}).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter {
  public static final String SESSION_COOKIE = "wt_session";
  private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);
  private static final String BEARER = "Bearer ";

  private final Access access;
  private final Credentials credentials;

  public AuthFilter(Access access, Credentials credentials) {
    this.access = access;
    this.credentials = credentials;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath(true);
    Access.Rule rule = access.rule(request.getMethod(), path);
    if (rule == Access.Rule.OWN_CREDENTIAL) {
      return;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    Optional<Actor> actor;
    if (header != null) {
      if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        reject(request, path, "only Authorization: Bearer <key or session token> is accepted");
        return;
      }
      actor = credentials.bearer(header.substring(BEARER.length()).trim());
      if (actor.isEmpty()) {
        // A wrong key is refused even on open paths: the client believes it is authenticated.
        reject(request, path, "unknown, expired or revoked credential");
        return;
      }
    } else {
      Cookie cookie = request.getCookies().get(SESSION_COOKIE);
      actor = cookie == null ? Optional.empty() : credentials.session(cookie.getValue());
      // A stale cookie on an open path (the login page) is simply no session.
      if (actor.isEmpty() && cookie != null && rule == Access.Rule.PROTECTED) {
        reject(request, path, "session expired or signed out");
        return;
      }
    }
    if (actor.isEmpty()) {
      if (rule == Access.Rule.PROTECTED) {
        reject(request, path, "sign in or send Authorization: Bearer <api key>");
      }
      return;
    }
    Actor who = actor.get();
    boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
    request.setSecurityContext(new ActorContext(who, secure));
  }

  private static void reject(ContainerRequestContext request, String path, String why) {
    LOG.info("event=request_unauthenticated method={} path=/{} reason=\"{}\"", request.getMethod(), printable(path), why);
    request.abortWith(AuthFailure.unauthenticated(why).getResponse());
  }

  /** The path as a log may carry it: no control characters (no forged lines), bounded. */
  private static String printable(String path) {
    String p = path.length() > 200 ? path.substring(0, 200) + "..." : path;
    return p.replaceAll("[^\\x21-\\x7e]", "?");
  }

  private record ActorContext(Actor actor, boolean secure) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return actor;
    }

    @Override
    public boolean isUserInRole(String role) {
      return actor.kind().name().equalsIgnoreCase(role);
    }

    @Override
    public boolean isSecure() {
      return secure;
    }

    @Override
    public String getAuthenticationScheme() {
      return "Bearer";
    }
  }
}

package dev.warmtransfer.service.limits;

import dev.warmtransfer.service.auth.Actor;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import java.security.Principal;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits how fast tokens are minted and calls created: per API key (or signed-in agent) when the
 * request carries one, per client address when it does not. Runs after authentication, so the
 * principal is known; a request over its limit is a 429 with Retry-After.
 */
@Priority(Priorities.AUTHORIZATION + 100)
public final class RateLimitFilter implements ContainerRequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimitFilter.class);
  /**
   * POSTs that mint a token, a session or a call (JAX-RS paths have no leading slash); login is here
   * too, as each attempt is a password guess.
   */
  static final Pattern MINTING =
      Pattern.compile("^/?(token|login|calls|calls/[^/]+/take|call-links|transfer|transfers/[^/]+/accept|move-caller)/?$");

  private final RateLimiter perAddress;
  private final RateLimiter perKey;
  @Context private HttpServletRequest servletRequest;

  public RateLimitFilter(RateLimiter perAddress, RateLimiter perKey) {
    this.perAddress = perAddress;
    this.perKey = perKey;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!"POST".equals(request.getMethod()) || !MINTING.matcher(request.getUriInfo().getPath()).matches()) {
      return;
    }
    Principal who = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
    String key;
    long wait;
    if (who != null) {
      // An agent and an API client may share an identity string; the kind keeps their buckets apart.
      key = who instanceof Actor actor ? actor.toString() : who.getName();
      wait = perKey.acquire(key);
    } else {
      key = servletRequest.getRemoteAddr();
      wait = perAddress.acquire(key);
    }
    if (wait > 0) {
      // An address is logged; a principal's name is not (it is the client's, and logs are widely read).
      LOG.info("event=rate_limited path={} by={} address={}", request.getUriInfo().getPath(),
          who != null ? "principal" : "address", servletRequest.getRemoteAddr());
      throw new BusyException(429,
          "too many requests for " + request.getUriInfo().getPath() + " from this " + (who != null ? "client" : "address"),
          wait);
    }
  }
}

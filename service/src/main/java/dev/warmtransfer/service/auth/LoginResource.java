package dev.warmtransfer.service.auth;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;

/** Agents sign in and out; anyone signed in asks who it is; agents and keys read the agent directory. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {
  public record LoginRequest(
      @NotBlank @Size(max = 64) String username, @NotBlank @Size(max = Passwords.MAX_LENGTH) String password) {}

  public record AgentView(String username, String identity, String name, String team) {}

  public record LoginResponse(AgentView agent, String token) {}

  public record Me(String kind, String identity, String name, String team) {}

  public record DirectoryEntry(String identity, String name, String team) {}

  public record Directory(List<DirectoryEntry> agents) {}

  private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");
  private final Sessions sessions;
  private final AuthStore store;
  private final boolean devMode;

  public LoginResource(Sessions sessions, AuthStore store, boolean devMode) {
    this.sessions = sessions;
    this.store = store;
    this.devMode = devMode;
  }

  @POST
  @Path("login")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Sign an agent in: a session cookie (HttpOnly, SameSite=Strict) and the same session as a bearer token")
  public Response login(
      @Context SecurityContext security, @NotNull(message = "request body is required") @Valid LoginRequest request) {
    Optional<Sessions.Opened> opened;
    try {
      opened = sessions.login(request.username(), request.password());
    } catch (JdbiException e) {
      throw new ServiceUnavailableException("the agent directory is unavailable; try again shortly", 5L);
    }
    Sessions.Opened s = opened.orElseThrow(AuthFailure::wrongLogin);
    AuthStore.Agent a = s.agent();
    long maxAge = Math.max(0, Duration.between(Instant.now(), s.expiresAt()).toSeconds());
    return Response.ok(new LoginResponse(new AgentView(a.username(), a.identity(), a.name(), a.team()), s.token()))
        .cookie(cookie(s.token(), (int) Math.min(Integer.MAX_VALUE, maxAge), security))
        .cacheControl(NO_STORE)
        .build();
  }

  @POST
  @Path("logout")
  @Operation(summary = "End this session (cookie or bearer); the cookie is cleared")
  public Response logout(@Context SecurityContext security, @Context HttpHeaders headers) {
    String auth = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    Cookie cookie = headers.getCookies().get(AuthFilter.SESSION_COOKIE);
    String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim()
        : cookie != null ? cookie.getValue() : null;
    if (token != null && !token.isEmpty()) {
      try {
        sessions.logout(token);
      } catch (JdbiException e) {
        throw new ServiceUnavailableException("could not sign out now; try again shortly", 5L);
      }
    }
    return Response.noContent().cookie(cookie("", 0, security)).build();
  }

  @GET
  @Path("me")
  @Operation(summary = "Who this credential is")
  public Response me(@Context SecurityContext security) {
    Actor actor = Actor.of(security);
    return Response.ok(new Me(actor.kind().wireName(), actor.identity(), actor.name(), actor.team()))
        .cacheControl(NO_STORE)
        .build();
  }

  @GET
  @Path("agents")
  @Operation(summary = "The agents a transfer can go to")
  public Directory agents(@Context SecurityContext security) {
    Actor actor = Actor.of(security);
    if (!actor.isAgent()) {
      if (actor.kind() != Actor.Kind.API_CLIENT) {
        throw AuthFailure.forbidden("Authorization", "only agents and API keys read the agent directory");
      }
      actor.require(Right.AGENTS, "Authorization");
    }
    return new Directory(store.agents().stream()
        .filter(a -> !a.disabled())
        .map(a -> new DirectoryEntry(a.identity(), a.name(), a.team()))
        .toList());
  }

  /** Secure unless in dev mode over plain HTTP: a session must not travel in clear text in production. */
  private NewCookie cookie(String value, int maxAge, SecurityContext security) {
    boolean secure = !devMode || (security != null && security.isSecure());
    return new NewCookie.Builder(AuthFilter.SESSION_COOKIE)
        .value(value)
        .path("/")
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(secure)
        .sameSite(NewCookie.SameSite.STRICT)
        .build();
  }
}

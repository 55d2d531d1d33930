package dev.warmtransfer.service.auth;

import dev.warmtransfer.service.api.ApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A 401 (no or bad credential) or 403 (credential lacks the right) carrying its JSON body, so no
 * mapper has to guess; Jersey sends a WebApplicationException's own entity as it is.
 */
public final class AuthFailure extends WebApplicationException {
  private AuthFailure(Response response, String message) {
    super(message, response);
  }

  public static AuthFailure unauthenticated() {
    return unauthenticated("sign in or send Authorization: Bearer <api key>");
  }

  public static AuthFailure unauthenticated(String message) {
    return new AuthFailure(
        Response.status(Response.Status.UNAUTHORIZED)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"warm-transfer\"")
            .entity(new ApiError(message, "Authorization"))
            .build(),
        message);
  }

  /** Wrong username or password: one answer for both, so names cannot be probed. */
  public static AuthFailure wrongLogin() {
    String message = "wrong username or password";
    return new AuthFailure(
        Response.status(Response.Status.UNAUTHORIZED)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"warm-transfer\"")
            .entity(new ApiError(message, "password"))
            .build(),
        message);
  }

  public static AuthFailure forbidden(String field, String message) {
    return new AuthFailure(
        Response.status(Response.Status.FORBIDDEN)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ApiError(message, field))
            .build(),
        message);
  }
}

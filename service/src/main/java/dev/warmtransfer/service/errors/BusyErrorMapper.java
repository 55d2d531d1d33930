package dev.warmtransfer.service.errors;

import dev.warmtransfer.service.api.ApiError;
import dev.warmtransfer.service.limits.BusyException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A limit we chose (full pool: 503, rate: 429), with the seconds to wait before trying again. */
public class BusyErrorMapper implements ExceptionMapper<BusyException> {
  @Override
  public Response toResponse(BusyException e) {
    return Response.status(e.status())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Retry-After", String.valueOf(e.retryAfterSeconds()))
        .entity(ApiError.of(e.getMessage()))
        .build();
  }
}

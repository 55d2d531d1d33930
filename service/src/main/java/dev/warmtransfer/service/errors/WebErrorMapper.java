package dev.warmtransfer.service.errors;

import dev.warmtransfer.service.api.ApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** 404, 405, 415 and the other JAX-RS errors, as the same JSON shape as every other error. */
public class WebErrorMapper implements ExceptionMapper<WebApplicationException> {
  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    String reason = e.getResponse().getStatusInfo().getReasonPhrase();
    String message = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? reason : e.getMessage();
    String field = e instanceof FieldException f ? f.field() : null;
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(message, field)).build();
  }
}

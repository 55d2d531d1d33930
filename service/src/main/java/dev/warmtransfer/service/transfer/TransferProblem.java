package dev.warmtransfer.service.transfer;

import dev.warmtransfer.service.api.ApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A 4xx about a transfer (404 unknown, 403 not yours, 409 already ended), answered as {error, field}. */
public final class TransferProblem extends WebApplicationException {
  private final int status;
  private final String field;

  public TransferProblem(int status, String message, String field) {
    super(message, status);
    this.status = status;
    this.field = field;
  }

  /** Registered beside the general mappers; Jersey picks the most specific one. */
  public static final class Mapper implements ExceptionMapper<TransferProblem> {
    @Override
    public Response toResponse(TransferProblem e) {
      return Response.status(e.status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(e.getMessage(), e.field)).build();
    }
  }
}

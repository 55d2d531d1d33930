package dev.warmtransfer.service.errors;

import dev.warmtransfer.service.api.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Our own bugs: logged with an id, answered without a stack trace. */
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

  @Override
  public Response toResponse(Throwable e) {
    String id = UUID.randomUUID().toString();
    LOG.error("event=unexpected_error error_id={}", id, e);
    return Response.status(500)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ApiError.of("internal error " + id))
        .build();
  }
}

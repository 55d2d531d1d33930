package dev.warmtransfer.service.errors;

import dev.warmtransfer.service.api.ApiError;
import dev.warmtransfer.service.livekit.LiveKitUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** LiveKit down is not our bug: 503 with a clear message, so clients know to retry. */
public class LiveKitErrorMapper implements ExceptionMapper<LiveKitUnavailableException> {
  private static final Logger LOG = LoggerFactory.getLogger(LiveKitErrorMapper.class);

  @Override
  public Response toResponse(LiveKitUnavailableException e) {
    LOG.warn("event=livekit_unavailable error=\"{}\"", e.getMessage());
    return Response.status(503)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Retry-After", "5")
        .entity(ApiError.of(e.getMessage()))
        .build();
  }
}

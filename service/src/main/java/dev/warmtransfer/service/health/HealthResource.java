package dev.warmtransfer.service.health;

import com.codahale.metrics.health.HealthCheck;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** The seed's {@code /health}: 200 when LiveKit answers, 503 when it does not. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
  private final LiveKitHealthCheck livekit;

  public HealthResource(LiveKitHealthCheck livekit) {
    this.livekit = livekit;
  }

  @GET
  @Operation(summary = "Service health, including whether LiveKit is reachable")
  public Response health() {
    HealthCheck.Result result = livekit.execute();
    Map<String, Object> lk = new LinkedHashMap<>();
    lk.put("reachable", result.isHealthy());
    if (result.getDetails() != null) {
      lk.putAll(result.getDetails());
    }
    if (!result.isHealthy() && result.getMessage() != null) {
      lk.put("error", result.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", result.isHealthy() ? "healthy" : "unhealthy");
    body.put("livekit", lk);
    return Response.status(result.isHealthy() ? 200 : 503).entity(body).build();
  }
}

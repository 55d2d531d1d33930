package dev.warmtransfer.service.health;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * Liveness and readiness, kept apart: {@code /health} is the seed's {@code {"ok": true}} (200 while
 * the process serves requests, whatever LiveKit does, so an orchestrator never restarts a live
 * service because LiveKit blinked), with what we know of LiveKit beside it; {@code /ready} is 503
 * while anything the service needs is unreachable. Whatever is registered in Dropwizard's health
 * check registry (LiveKit here; the database's check once there is one) decides readiness.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
  private static final long CACHE_MILLIS = 1_000;
  private final CachedResults<HealthCheck.Result> livekit;
  private final CachedResults<SortedMap<String, HealthCheck.Result>> all;

  public HealthResource(LiveKitHealthCheck livekit, HealthCheckRegistry registry) {
    this.livekit = new CachedResults<>(livekit::execute, CACHE_MILLIS, System::nanoTime);
    this.all = new CachedResults<>(registry::runHealthChecks, CACHE_MILLIS, System::nanoTime);
  }

  @GET
  @Path("health")
  @Operation(summary = "Liveness: 200 {\"ok\": true} while the service runs, with LiveKit's reachability beside it")
  public Map<String, Object> health() {
    HealthCheck.Result result = livekit.get();
    Map<String, Object> lk = new LinkedHashMap<>();
    lk.put("reachable", result.isHealthy());
    if (result.getDetails() != null) {
      lk.putAll(result.getDetails());
    }
    if (!result.isHealthy() && result.getMessage() != null) {
      lk.put("error", result.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", true);
    body.put("livekit", lk);
    return body;
  }

  @GET
  @Path("ready")
  @Operation(summary = "Readiness: 200 when LiveKit (and the database) answer, 503 with Retry-After while one does not")
  public Response ready() {
    Map<String, Object> checks = new LinkedHashMap<>();
    java.util.List<String> failing = new java.util.ArrayList<>();
    for (Map.Entry<String, HealthCheck.Result> e : all.get().entrySet()) {
      // Healthy or not only: a check's message may hold a connection string.
      checks.put(e.getKey(), Map.of("ok", e.getValue().isHealthy()));
      if (!e.getValue().isHealthy()) {
        failing.add(e.getKey());
      }
    }
    boolean ready = failing.isEmpty();
    Map<String, Object> body = new LinkedHashMap<>();
    if (!ready) {
      body.put("error", "not ready: " + String.join(", ", failing) + " unreachable");
    }
    body.put("ready", ready);
    body.put("checks", checks);
    Response.ResponseBuilder r = Response.status(ready ? 200 : 503).entity(body);
    return ready ? r.build() : r.header("Retry-After", "5").build();
  }
}

package dev.warmtransfer.service.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The browser app built by the {@code web} module: {@code index.html} for the app's pages, its
 * content-hashed files under {@code /assets/}. Hashed files never change, so browsers keep them for a
 * year; {@code index.html} names the current ones, so it is revalidated on every load.
 */
@Path("/")
@Hidden
public final class WebAppResource {
  static final String FOLDER = "webapp";
  /** Same-origin scripts and styles only; media and signalling go to the LiveKit server (ws/wss). */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; "
          + "connect-src 'self' ws: wss: http: https:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

  private final StaticFiles files = new StaticFiles(FOLDER);
  private final WebSettings settings;

  public WebAppResource(WebSettings settings) {
    this.settings = settings;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response home() {
    return index();
  }

  /** The caller page; {@code ?link=} follows a call link. */
  @GET
  @Path("call")
  @Produces(MediaType.TEXT_HTML)
  public Response caller() {
    return index();
  }

  @GET
  @Path("agent")
  @Produces(MediaType.TEXT_HTML)
  public Response agent() {
    return index();
  }

  /** The seed's agent tab: {@code /room/support-call-001}. */
  @GET
  @Path("room/{room}")
  @Produces(MediaType.TEXT_HTML)
  public Response room(@PathParam("room") String room) {
    return index();
  }

  @GET
  @Path("assets/{file}")
  public Response asset(@PathParam("file") String file) {
    CacheControl forever = new CacheControl();
    forever.setMaxAge(31_536_000);
    forever.getCacheExtension().put("public", null);
    forever.getCacheExtension().put("immutable", null);
    return Response.fromResponse(files.serve("assets/" + file, forever))
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }

  /** What the app needs to know before it draws: whether the seed's demo join form is offered. */
  @GET
  @Path("app-config")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> appConfig() {
    return Map.of("devMode", settings.devMode());
  }

  private Response index() {
    if (!files.exists("index.html")) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .type(MediaType.APPLICATION_JSON)
          .entity(Map.of("error", "the web app is not built into this service (build the web module)", "field", "path"))
          .build();
    }
    CacheControl revalidate = new CacheControl();
    revalidate.setNoCache(true);
    return Response.fromResponse(files.serve("index.html", revalidate))
        .header("Content-Security-Policy", CSP)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "same-origin")
        .build();
  }
}

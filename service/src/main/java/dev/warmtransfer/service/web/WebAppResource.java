package dev.warmtransfer.service.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

  private static final String DEV_MODE_OFF = "<meta name=\"wt-dev-mode\" content=\"false\"";
  private static final String DEV_MODE_ON = "<meta name=\"wt-dev-mode\" content=\"true\"";

  private final StaticFiles files = new StaticFiles(FOLDER);
  private final boolean devMode;
  /** index.html as served: read once, with dev mode written in, so the app needs no config request. */
  private volatile byte[] index;

  /** @param devMode offer the seed's demo join form (config {@code devMode}, env WT_DEV_MODE) */
  public WebAppResource(boolean devMode) {
    this.devMode = devMode;
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

  private Response index() {
    byte[] body = index;
    if (body == null) {
      body = index = readIndex();
    }
    if (body.length == 0) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .type(MediaType.APPLICATION_JSON)
          .entity(Map.of("error", "the web app is not built into this service (build the web module)", "field", "path"))
          .build();
    }
    CacheControl revalidate = new CacheControl();
    revalidate.setNoCache(true);
    return Response.ok(body, "text/html; charset=utf-8")
        .cacheControl(revalidate)
        .header("Content-Security-Policy", CSP)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "same-origin")
        .build();
  }

  private byte[] readIndex() {
    try (InputStream in = WebAppResource.class.getClassLoader().getResourceAsStream(FOLDER + "/index.html")) {
      if (in == null) {
        return new byte[0];
      }
      String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (devMode) {
        html = html.replace(DEV_MODE_OFF, DEV_MODE_ON);
      }
      return html.getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the web app's index.html", e);
    }
  }
}

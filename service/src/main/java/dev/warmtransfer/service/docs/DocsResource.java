package dev.warmtransfer.service.docs;

import dev.warmtransfer.service.web.StaticFiles;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Swagger UI over {@code /openapi.json}, from the swagger-ui webjar (no CDN: it works offline). */
@Path("/docs")
@Hidden
public class DocsResource {
  private static final String PAGE =
      """
      <!doctype html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>Warm Transfer API</title>
        <link rel="stylesheet" href="/docs/swagger-ui.css">
      </head>
      <body>
        <div id="swagger-ui"></div>
        <script src="/docs/swagger-ui-bundle.js"></script>
        <script src="/docs/init.js"></script>
      </body>
      </html>
      """;
  private static final String INIT =
      "window.ui = SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui'});\n";

  private final StaticFiles webjar = new StaticFiles("META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion());

  @GET
  @Produces("text/html; charset=utf-8")
  public String page() {
    return PAGE;
  }

  @GET
  @Path("init.js")
  @Produces("text/javascript; charset=utf-8")
  public String init() {
    return INIT;
  }

  @GET
  @Path("{file}")
  public Response file(@PathParam("file") String file) {
    return webjar.serve(file);
  }

  private static String swaggerUiVersion() {
    try (InputStream in =
        DocsResource.class.getClassLoader().getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("swagger-ui webjar is not on the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

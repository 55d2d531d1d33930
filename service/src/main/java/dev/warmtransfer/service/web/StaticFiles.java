package dev.warmtransfer.service.web;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/** Serves files from one classpath folder; names are checked so no request can climb out of it. */
public final class StaticFiles {
  private static final Pattern SAFE_PATH = Pattern.compile("^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "mjs", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "json", "application/json",
          "png", "image/png",
          "svg", "image/svg+xml",
          "map", "application/json",
          "ogg", "audio/ogg",
          "wav", "audio/wav");

  private final String folder;

  public StaticFiles(String folder) {
    this.folder = folder.endsWith("/") ? folder : folder + "/";
  }

  public Response serve(String path) {
    CacheControl cache = new CacheControl();
    cache.setMaxAge(300);
    return serve(path, cache);
  }

  public Response serve(String path, CacheControl cache) {
    if (path == null || !SAFE_PATH.matcher(path).matches() || path.contains("..")) {
      throw new NotFoundException("no such file: " + path);
    }
    InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(folder + path);
    if (in == null) {
      throw new NotFoundException("no such file: " + path);
    }
    String ext = path.substring(path.lastIndexOf('.') + 1);
    return Response.ok(in, TYPES.getOrDefault(ext, "application/octet-stream")).cacheControl(cache).build();
  }

  public boolean exists(String path) {
    return StaticFiles.class.getClassLoader().getResource(folder + path) != null;
  }
}

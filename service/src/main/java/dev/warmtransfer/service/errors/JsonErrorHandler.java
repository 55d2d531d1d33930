package dev.warmtransfer.service.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.api.ApiError;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself (bad URIs, oversized headers or bodies, TRACE, failures outside Jersey)
 * in the API's one error shape, {@code {"error","field"}}, instead of an HTML page; never a stack trace
 * nor an exception's own message for server errors.
 */
public class JsonErrorHandler extends org.eclipse.jetty.server.handler.ErrorHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  public JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
  }

  /** Every method gets a body, TRACE and PUT included. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
      String contentType, List<Charset> charsets, int code, String message, Throwable cause) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    return true;
  }

  /** Errors found before there is a request to speak of (a bad request line, 431). */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, reason));
  }

  static byte[] body(int code, String message) {
    try {
      return JSON.writeValueAsBytes(describe(code, message));
    } catch (JsonProcessingException e) {
      return "{\"error\":\"error\"}".getBytes(StandardCharsets.UTF_8);
    }
  }

  static ApiError describe(int code, String message) {
    String reason = HttpStatus.getMessage(code);
    // A 4xx message from Jetty names what the client did ("Ambiguous URI path segment"); a 5xx one
    // may carry our internals (an OutOfMemoryError's text), so it is replaced by the status' reason.
    String text = code < 500 && message != null && !message.isBlank() && message.length() <= 200 && !message.contains("Exception")
        ? message
        : reason;
    String field =
        switch (code) {
          case 400 -> text.contains("URI") || text.contains("path") ? "path" : null;
          case 404, 414 -> "path";
          case 405 -> "method";
          case 408, 411, 413 -> "body";
          case 431 -> "headers";
          default -> null;
        };
    return new ApiError(text, field);
  }
}

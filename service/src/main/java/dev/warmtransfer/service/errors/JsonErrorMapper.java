package dev.warmtransfer.service.errors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.warmtransfer.service.api.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Bodies that are not JSON, or JSON of the wrong shape: 400 naming the field, never a stack trace. */
public class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {
  @Override
  public Response toResponse(JsonProcessingException e) {
    return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(describe(e)).build();
  }

  static ApiError describe(JsonProcessingException e) {
    if (e instanceof StreamReadException read && read.getProcessor() != null
        && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
      String field = duplicatePath(read.getProcessor());
      return new ApiError(field + " appears more than once", field);
    }
    if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
      return new ApiError("request body is not valid JSON", "body");
    }
    String field =
        mapping.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
    if (target != null && target.isEnum()) {
      String allowed =
          Arrays.stream(target.getEnumConstants())
              .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
              .collect(Collectors.joining(", "));
      return new ApiError(field + " must be one of: " + allowed, field);
    }
    if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
      return new ApiError(field + " must be " + kind(target), field);
    }
    return new ApiError(field + " is not valid", field);
  }

  /** "agent.name" for a duplicate "name" inside "agent": the parser stands on the repeated key. */
  private static String duplicatePath(JsonParser parser) {
    java.util.Deque<String> names = new java.util.ArrayDeque<>();
    for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        names.addFirst(c.getCurrentName());
      } else if (c.inArray()) {
        names.addFirst("[" + c.getCurrentIndex() + "]");
      }
    }
    return names.isEmpty() ? "body" : String.join(".", names).replace(".[", "[");
  }

  private static String kind(Class<?> target) {
    if (target == null) {
      return "of another type";
    }
    if (target == String.class) {
      return "a string";
    }
    if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
      return "a number";
    }
    return "an object";
  }
}

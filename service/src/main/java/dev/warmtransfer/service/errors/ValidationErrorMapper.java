package dev.warmtransfer.service.errors;

import dev.warmtransfer.service.api.ApiError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Comparator;

/** A request record that breaks its constraints: 400 naming the first field at fault. */
public class ValidationErrorMapper implements ExceptionMapper<ConstraintViolationException> {
  @Override
  public Response toResponse(ConstraintViolationException e) {
    ConstraintViolation<?> first =
        e.getConstraintViolations().stream()
            .min(Comparator.comparing((ConstraintViolation<?> v) -> field(v)).thenComparing(ConstraintViolation::getMessage))
            .orElse(null);
    ApiError error =
        first == null
            ? new ApiError("invalid request", "body")
            : new ApiError(describe(first), field(first));
    return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
  }

  private static String describe(ConstraintViolation<?> v) {
    String field = field(v);
    return "body".equals(field) ? v.getMessage() : field + " " + v.getMessage();
  }

  /** The JSON field behind a violation, or "body" when the whole body is at fault. */
  static String field(ConstraintViolation<?> v) {
    String name = "body";
    for (Path.Node node : v.getPropertyPath()) {
      if (node.getKind() == ElementKind.PROPERTY) {
        name = node.getName();
      }
    }
    return name;
  }
}

package dev.warmtransfer.service.errors;

import jakarta.ws.rs.BadRequestException;

/** A request field that passed its own checks but not a rule across fields; answered as a 400 naming it. */
public class FieldException extends BadRequestException {
  private final String field;

  public FieldException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}

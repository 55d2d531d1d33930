package dev.warmtransfer.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Every error the API returns: what is wrong, and which request field, when one is to blame. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String field) {
  public static ApiError of(String error) {
    return new ApiError(error, null);
  }
}

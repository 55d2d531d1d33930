package dev.warmtransfer.service.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record TokenRequest(
    @NotBlank @Size(min = 1, max = Names.MAX_LENGTH) @Pattern(regexp = Names.PATTERN, message = Names.PATTERN_MESSAGE)
        String identity,
    @NotBlank @Size(min = 1, max = Names.MAX_LENGTH) @Pattern(regexp = Names.PATTERN, message = Names.PATTERN_MESSAGE)
        String room,
    @Size(max = Names.MAX_LENGTH) @Pattern(regexp = Names.DISPLAY_PATTERN, message = Names.DISPLAY_PATTERN_MESSAGE)
        String name,
    Role role) {

  public Role roleOrDefault() {
    return role == null ? Role.CALLER : role;
  }
}

package dev.warmtransfer.service.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record CreateRoomRequest(
    @NotBlank @Size(min = 1, max = Names.MAX_LENGTH) @Pattern(regexp = Names.PATTERN, message = Names.PATTERN_MESSAGE)
        String room) {}

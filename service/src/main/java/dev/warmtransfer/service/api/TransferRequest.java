package dev.warmtransfer.service.api;

import dev.warmtransfer.speech.summary.Summarizer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The seed's transfer request: Agent A hands the caller in {@code fromRoom} to Agent B. */
public record TransferRequest(
    @NotBlank @Size(min = 1, max = Names.MAX_LENGTH) @Pattern(regexp = Names.PATTERN, message = Names.PATTERN_MESSAGE)
        String fromRoom,
    @NotBlank @Size(min = 1, max = Names.MAX_LENGTH) @Pattern(regexp = Names.PATTERN, message = Names.PATTERN_MESSAGE)
        String agentA,
    @NotBlank @Size(min = 1, max = Names.MAX_LENGTH) @Pattern(regexp = Names.PATTERN, message = Names.PATTERN_MESSAGE)
        String agentB,
    @JsonDeserialize(using = CleanText.class) @Size(max = Summarizer.MAX_INPUT_CHARS) String transcript,
    @JsonDeserialize(using = CleanText.class) @Size(max = SummaryRequest.MAX_NOTES_CHARS) String notes) {}

package dev.warmtransfer.service.api;

import dev.warmtransfer.speech.summary.Summarizer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record SummaryRequest(
    @JsonDeserialize(using = CleanText.class) @NotBlank @Size(min = 1, max = Summarizer.MAX_INPUT_CHARS) String transcript,
    @JsonDeserialize(using = CleanText.class) @Size(max = SummaryRequest.MAX_NOTES_CHARS) String notes) {
  public static final int MAX_NOTES_CHARS = 10_000;
}

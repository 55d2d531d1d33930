package dev.warmtransfer.service.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.warmtransfer.service.api.CleanText;
import dev.warmtransfer.service.api.Names;
import io.swagger.v3.oas.annotations.media.Schema;
import dev.warmtransfer.speech.summary.Summarizer;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The transfer API's request and response bodies (seed-compatible where the seed had them). */
public final class TransferApi {
  private TransferApi() {}

  /**
   * The seed's transfer request, plus the caller, A's notes and the mode. Documented under the
   * seed's name; free text loses control characters on the way in, as every text field does.
   */
  @Schema(name = "TransferRequest")
  public record StartRequest(
      @NotBlank @Size(min = 1, max = Names.MAX_LENGTH) @Pattern(regexp = Names.PATTERN, message = Names.PATTERN_MESSAGE)
          String fromRoom,
      @NotBlank @Size(min = 1, max = Names.MAX_LENGTH) @Pattern(regexp = Names.PATTERN, message = Names.PATTERN_MESSAGE)
          String agentA,
      @NotBlank @Size(min = 1, max = Names.MAX_LENGTH) @Pattern(regexp = Names.PATTERN, message = Names.PATTERN_MESSAGE)
          String agentB,
      @JsonDeserialize(using = CleanText.class) @Size(max = Summarizer.MAX_INPUT_CHARS) String transcript,
      @JsonDeserialize(using = CleanText.class) @Size(max = Summarizer.MAX_INPUT_CHARS) String summary,
      @JsonDeserialize(using = CleanText.class) @Size(max = 4000) String notes,
      @Size(min = 1, max = Names.MAX_LENGTH) @Pattern(regexp = Names.PATTERN, message = Names.PATTERN_MESSAGE)
          String callerIdentity,
      @Pattern(regexp = "^(join-caller|move-caller)$", message = "must be join-caller or move-caller") String mode) {}

  /** The seed's answer, plus the transfer's id and phase. */
  public record Started(
      String summary, String newRoom, String agentAToken, String agentBToken, String wsUrl, String transferId,
      String state) {}

  public record Decision(@Size(max = 500) String reason) {}

  public record MoveCaller(
      @NotBlank @Size(max = Names.MAX_LENGTH) @Pattern(regexp = Names.PATTERN, message = Names.PATTERN_MESSAGE)
          String callerIdentity,
      @NotBlank @Size(max = 200) @Pattern(regexp = Names.PATTERN, message = Names.PATTERN_MESSAGE) String newRoom) {}

  public record Join(String room, String token, String wsUrl) {}

  public record Token(String token, String wsUrl) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Listing(List<TransferView> transfers) {}
}

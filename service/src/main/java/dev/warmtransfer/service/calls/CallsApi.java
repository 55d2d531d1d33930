package dev.warmtransfer.service.calls;

import dev.warmtransfer.service.api.Names;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The bodies of the caller endpoints (CONTRACT.md). */
public final class CallsApi {
  private CallsApi() {}

  /** {@code POST /calls}: empty for a new call, or a call link to follow. */
  public record CallRequest(@Size(max = 512) @Pattern(regexp = "^[A-Za-z0-9_.-]*$", message = "is not a call link") String link) {}

  public record CallResponse(String room, String identity, String token, String wsUrl) {}

  public record CallLinkRequest(
      @NotBlank @Size(max = Names.MAX_LENGTH) @Pattern(regexp = Names.PATTERN, message = Names.PATTERN_MESSAGE)
          String room) {}

  public record CallLinkResponse(String link, String url, String expiresAt) {}

  public record WaitingCall(String room, String callerIdentity, String createdAt) {}

  public record WaitingCallsResponse(List<WaitingCall> calls) {}

  public record TakeResponse(String room, String token, String wsUrl) {}
}

package dev.warmtransfer.bot.briefer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.proto.AgentDecision;
import java.io.IOException;
import java.util.Optional;

/** Agent B's {@code wt.decision} JSON ({@code {"transferId","accepted","reason"}}) as the report the service reads. */
final class Decisions {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_REASON_CHARS = 500;

  private Decisions() {}

  /** Empty when the payload is not a decision about this transfer. */
  static Optional<AgentDecision> parse(byte[] payload, String transferId, String from) {
    JsonNode n;
    try {
      n = JSON.readTree(payload);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (n == null || !n.isObject() || !n.path("accepted").isBoolean()) {
      return Optional.empty();
    }
    String about = n.path("transferId").asText("");
    if (!about.isEmpty() && !about.equals(transferId)) {
      return Optional.empty();
    }
    String reason = n.path("reason").asText("");
    if (reason.length() > MAX_REASON_CHARS) {
      reason = reason.substring(0, MAX_REASON_CHARS);
    }
    return Optional.of(AgentDecision.newBuilder()
        .setTransferId(transferId)
        .setAgentIdentity(from)
        .setAccepted(n.path("accepted").asBoolean())
        .setReason(reason)
        .build());
  }
}

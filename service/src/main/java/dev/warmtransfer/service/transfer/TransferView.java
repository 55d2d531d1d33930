package dev.warmtransfer.service.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.proto.Fact;
import dev.warmtransfer.service.events.TransferFeed;
import java.util.List;
import java.util.Map;

/** A transfer as the API shows it ({@code GET /transfers/{id}}, SSE, and the answer to a decision). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransferView(
    String id,
    String transferId,
    String state,
    String mode,
    String fromRoom,
    String newRoom,
    String agentA,
    String agentB,
    String callerIdentity,
    String notes,
    String reason,
    String createdAt,
    String updatedAt,
    List<Row> timeline,
    Briefing briefing,
    List<CallRecords.Line> transcript) {

  public record Row(String state, String at, String by, String reason) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Briefing(
      String summary, String spoken, String reason, List<Map<String, String>> facts, String sentiment, String nextStep,
      String provider, String notes, boolean spokenToAgentB, String spokenAt, Long firstAudioMs, boolean interrupted) {}

  public static TransferView of(Transfer t, CallRecords.TransferBriefing b, List<CallRecords.Line> transcript) {
    List<Row> rows = t.timeline().stream().map(e -> new Row(e.state().wireName(), e.at().toString(), e.by(), e.reason())).toList();
    return new TransferView(t.id(), t.id(), t.phase().wireName(), t.mode().wireName(), t.fromRoom(), t.newRoom(),
        t.agentA(), t.agentB(), t.callerIdentity(), t.notes(), t.reason(), t.createdAt().toString(), t.updatedAt().toString(), rows,
        b == null ? null : briefing(b), transcript);
  }

  /** The change consoles are told of: the transfer as it stands, with its briefing, and who may see it. */
  static TransferFeed.Change change(Transfer t, CallRecords calls) {
    return new TransferFeed.Change(t.id(), t.agentA(), t.agentB(), t.version(),
        of(t, calls.transferBriefing(t.id()).orElse(null), null));
  }

  static Briefing briefing(CallRecords.TransferBriefing b) {
    BriefingCard c = b.card();
    return new Briefing(c.getSummary(), c.getSpoken(), c.getReason(), facts(c), c.getSentiment(), c.getNextStep(),
        c.getProvider(), c.getNotes(), b.spoken(), b.spokenAt() == null ? null : b.spokenAt().toString(), b.firstAudioMs(), b.interrupted());
  }

  static List<Map<String, String>> facts(BriefingCard c) {
    return c.getFactsList().stream().map((Fact f) -> Map.of("kind", f.getKind(), "value", f.getValue())).toList();
  }
}

package dev.warmtransfer.service.api;

import dev.warmtransfer.speech.summary.Briefing;
import java.util.List;

/**
 * The seed's {@code {summary}}, plus the structured briefing and which engine wrote it. {@code facts}
 * holds every fact as {@code {kind, value}}, the shape of the protocol's {@code Fact}.
 */
public record SummaryResponse(
    String summary,
    String spoken,
    String reason,
    List<String> customerIds,
    List<String> accountNumbers,
    List<String> amounts,
    List<String> dates,
    List<String> tried,
    List<String> promised,
    String sentiment,
    String nextStep,
    String provider,
    List<Briefing.Fact> facts,
    List<String> wants,
    List<String> decided) {

  public static SummaryResponse of(Briefing b) {
    return new SummaryResponse(b.summary(), b.spoken(), b.reason(), b.customerIds(), b.accountNumbers(),
        b.amounts(), b.dates(), b.tried(), b.promised(), b.sentiment(), b.nextStep(), b.provider().wireName(),
        b.facts(), b.wants(), b.decided());
  }
}

package dev.warmtransfer.service.briefing;

import dev.warmtransfer.service.api.SummaryRequest;
import dev.warmtransfer.service.api.SummaryResponse;
import dev.warmtransfer.speech.summary.Briefing;
import dev.warmtransfer.speech.summary.Summarizer;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Path("/generate-summary")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SummaryResource {
  private static final Logger LOG = LoggerFactory.getLogger(SummaryResource.class);
  private final Summarizer summarizer;

  public SummaryResource(Summarizer summarizer) {
    this.summarizer = summarizer;
  }

  @POST
  @Operation(summary = "Summarize a call transcript (and Agent A's notes) into a briefing for Agent B")
  public SummaryResponse summarize(@NotNull(message = "request body is required") @Valid SummaryRequest request) {
    long start = System.nanoTime();
    Briefing b = summarizer.summarize(request.transcript(), request.notes());
    // Sizes and the provider only: transcripts hold customers' words and never go to the log.
    LOG.info("event=summary_generated provider={} transcript_chars={} spoken_words={} ms={}",
        b.provider().wireName(), request.transcript().length(), b.spokenWords(),
        (System.nanoTime() - start) / 1_000_000);
    return SummaryResponse.of(b);
  }
}

package dev.warmtransfer.service.transfer;

import dev.warmtransfer.speech.summary.BriefingCards;
import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.service.api.Role;
import dev.warmtransfer.service.errors.FieldException;
import dev.warmtransfer.service.token.TokenIssuer;
import dev.warmtransfer.speech.summary.Summarizer;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /transfer}: starts a warm transfer and answers at once with the seed's fields plus
 * the transfer's id and phase. The briefing in the answer is the best one available now (the call
 * assistant's running briefing with A's notes, else a local summary of what the request carries);
 * nothing here waits on OpenAI or on LiveKit: the hold, the handoff room and the briefer are
 * stored actions, carried out right after.
 */
@Path("/transfer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TransferResource {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
  private final TransferService transfers;
  private final CallRecords calls;
  private final TokenIssuer tokens;
  private final Summarizer localSummarizer;
  private final BriefingImprover improver;
  private final TransferAccess access;
  private final String wsUrl;
  private final Clock clock;

  public TransferResource(TransferService transfers, CallRecords calls, TokenIssuer tokens, Summarizer localSummarizer,
      BriefingImprover improver, TransferAccess access, String wsUrl, Clock clock) {
    this.access = access;
    this.transfers = transfers;
    this.calls = calls;
    this.tokens = tokens;
    this.localSummarizer = localSummarizer;
    this.improver = improver;
    this.wsUrl = wsUrl;
    this.clock = clock;
  }

  @POST
  @Operation(summary = "Start a warm transfer: the caller goes on hold, a handoff room opens for Agent A and Agent B,"
      + " and the briefer is dispatched to it")
  public TransferApi.Started transfer(@NotNull(message = "request body is required") @Valid TransferApi.StartRequest request,
      @Context SecurityContext security) {
    access.requireStart(security, request.agentA(), request.fromRoom());
    if (request.agentA().equals(request.agentB())) {
      throw new FieldException("agentB", "agentB must differ from agentA");
    }
    Mode mode = request.mode() == null ? Mode.JOIN_CALLER : Mode.fromWire(request.mode());
    String id = "tr_" + random(16);
    String newRoom = handoffRoom(request.fromRoom());
    String text = firstNonBlank(request.transcript(), request.summary(), null);
    BriefingCard card = briefingNow(request.fromRoom(), text, request.notes());
    TransferRequestSpec spec = new TransferRequestSpec(id, mode, request.fromRoom(), newRoom, request.agentA(),
        request.agentB(), request.callerIdentity(), request.notes(), access.who(security, request.agentA()));
    Transfer t = transfers.start(spec, h -> calls.insertTransferBriefing(h, id, card, clock.instant()));
    improver.improveLater(t, text, request.notes());
    return new TransferApi.Started(
        card.getSummary(),
        newRoom,
        tokens.issue(request.agentA(), newRoom, null, Role.AGENT),
        // Agent A gets no token in B's name (it could join H as B); a key acting for both does.
        access.mayActFor(security, request.agentB()) ? tokens.issue(request.agentB(), newRoom, null, Role.AGENT) : null,
        wsUrl,
        t.id(),
        t.phase().wireName());
  }

  /** The running briefing of the call with A's notes, else a local summary of the given or stored transcript. */
  private BriefingCard briefingNow(String room, String text, String notes) {
    Optional<BriefingCard> running = calls.runningBriefing(room);
    if (running.isPresent() && text == null) {
      return Briefings.withNotes(running.get(), notes);
    }
    String source = text != null ? text : calls.transcriptText(room);
    return BriefingCards.of(localSummarizer.summarize(source, notes), notes, clock.millis());
  }

  /** {@code <R>-transfer-<random>}: unguessable, never reused, within the 200-character room column. */
  static String handoffRoom(String fromRoom) {
    String suffix = "-transfer-" + random(12);
    return fromRoom.substring(0, Math.min(fromRoom.length(), 128 - suffix.length())) + suffix;
  }

  static String random(int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(c).toLowerCase(Locale.ROOT);
  }

  private static String firstNonBlank(String a, String b, String c) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    if (b != null && !b.isBlank()) {
      return b;
    }
    return c;
  }
}

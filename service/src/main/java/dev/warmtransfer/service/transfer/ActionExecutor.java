package dev.warmtransfer.service.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.proto.BotInstruction;
import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.proto.HoldOff;
import dev.warmtransfer.proto.HoldOn;
import dev.warmtransfer.proto.JobSpec;
import dev.warmtransfer.proto.Say;
import dev.warmtransfer.proto.Topics;
import dev.warmtransfer.proto.TransferEnded;
import dev.warmtransfer.proto.TransferPhase;
import dev.warmtransfer.service.api.Role;
import dev.warmtransfer.service.events.TransferFeed;
import dev.warmtransfer.service.livekit.LiveKitControl;
import dev.warmtransfer.service.token.TokenIssuer;
import dev.warmtransfer.service.transfer.TransferAction.BotJob;
import io.dropwizard.jackson.Jackson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.TrackInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one stored action against LiveKit, the bots and the consoles. Every action may run
 * again after a crash or a failed try, so each one is idempotent (a bot instruction's id is its
 * action's, so a resent one is applied once). Returns the events the outcome implies.
 */
public final class ActionExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(ActionExecutor.class);
  private static final ObjectMapper JSON = Jackson.newObjectMapper();
  private final LiveKitControl livekit;
  private final TransferStore store;
  private final CallRecords calls;
  private final TokenIssuer tokens;
  private final String wsUrl;
  private final TransferFeed feed;
  private final TransferTimers timers;
  private final Clock clock;

  public ActionExecutor(LiveKitControl livekit, TransferStore store, CallRecords calls, TokenIssuer tokens, String wsUrl,
      TransferFeed feed, TransferTimers timers, Clock clock) {
    this.livekit = livekit;
    this.store = store;
    this.calls = calls;
    this.tokens = tokens;
    this.wsUrl = wsUrl;
    this.feed = feed;
    this.timers = timers;
    this.clock = clock;
  }

  public List<TransferEvent> execute(StoredAction stored) {
    String id = stored.transferId();
    TransferAction action = stored.action();
    if (action instanceof TransferAction.CreateRoom a) {
      // H must outlive the wait for B: bots do not keep a room open.
      livekit.createRoom(a.room(), (int) timers.agentBJoin().toSeconds() + 60);
    } else if (action instanceof TransferAction.Hold a) {
      return List.of(hold(id, stored.seq(), a));
    } else if (action instanceof TransferAction.Unhold a) {
      unhold(id, stored.seq(), a);
    } else if (action instanceof TransferAction.DispatchBriefer a) {
      dispatchBriefer(id, a);
    } else if (action instanceof TransferAction.InstructBot a) {
      instruct(id, stored.seq(), a);
    } else if (action instanceof TransferAction.Notify a) {
      notify(id, a);
    } else if (action instanceof TransferAction.SendMove a) {
      sendMove(a);
    } else if (action instanceof TransferAction.SendBriefingText a) {
      sendBriefingText(id, a);
    } else if (action instanceof TransferAction.RemoveParticipant a) {
      livekit.removeParticipant(a.room(), a.identity());
    } else if (action instanceof TransferAction.DeleteRoom a) {
      livekit.deleteRoom(a.room());
    }
    return List.of();
  }

  private TransferEvent hold(String id, int seq, TransferAction.Hold a) {
    List<ParticipantInfo> in = livekit.participants(a.room());
    String caller = a.callerIdentity() != null ? a.callerIdentity() : findCaller(in, a.agentA()).orElse(null);
    if (caller == null) {
      LOG.info("event=hold_skipped transfer={} room={} reason=\"no single caller in the room\"", id, a.room());
      return new TransferEvent.HoldPlaced(clock.instant(), null);
    }
    Optional<ParticipantInfo> agentA = find(in, a.agentA());
    if (agentA.isPresent()) {
      livekit.updateSubscriptions(a.room(), caller, audioTracks(agentA.get()), false);
    }
    sendToBot(a.room(), in, BotJob.ASSISTANT, instruction(id, seq).setHoldOn(HoldOn.newBuilder().setCallerIdentity(caller)).build());
    LOG.info("event=caller_on_hold transfer={} room={} caller={} agent_a_present={}", id, a.room(), caller, agentA.isPresent());
    return new TransferEvent.HoldPlaced(clock.instant(), caller);
  }

  private void unhold(String id, int seq, TransferAction.Unhold a) {
    List<ParticipantInfo> in = livekit.participants(a.room());
    Optional<ParticipantInfo> agentA = find(in, a.agentA());
    if (a.callerIdentity() != null && agentA.isPresent()) {
      livekit.updateSubscriptions(a.room(), a.callerIdentity(), audioTracks(agentA.get()), true);
    }
    sendToBot(a.room(), in, BotJob.ASSISTANT, instruction(id, seq).setHoldOff(HoldOff.getDefaultInstance()).build());
    LOG.info("event=caller_off_hold transfer={} room={} caller={}", id, a.room(), a.callerIdentity());
  }

  private void dispatchBriefer(String id, TransferAction.DispatchBriefer a) {
    Transfer t = store.find(id).orElseThrow(() -> new IllegalStateException("no transfer " + id));
    BriefingCard card = calls.transferBriefing(id).map(CallRecords.TransferBriefing::card).orElse(BriefingCard.getDefaultInstance());
    JobSpec spec = JobSpec.newBuilder()
        .setKind(JobSpec.Kind.BRIEFER)
        .setRoom(a.room())
        .setTransferId(id)
        .setListenerIdentity(t.agentB())
        .setAgentA(t.agentA())
        .setCallerIdentity(t.callerIdentity() == null ? "" : t.callerIdentity())
        .setBriefing(card)
        .setAttempt(a.attempt())
        .build();
    String dispatchId = livekit.createDispatch(a.room(), Base64.getEncoder().encodeToString(spec.toByteArray()));
    LOG.info("event=briefer_dispatched transfer={} room={} attempt={} dispatch={}", id, a.room(), a.attempt(), dispatchId);
  }

  private void instruct(String id, int seq, TransferAction.InstructBot a) {
    BotInstruction.Builder b = instruction(id, seq);
    switch (a.command()) {
      case HOLD_OFF -> b.setHoldOff(HoldOff.getDefaultInstance());
      case SAY -> b.setSay(Say.newBuilder().setText(a.text()));
      case TRANSFER_ENDED -> b.setTransferEnded(TransferEnded.newBuilder()
          .setPhase(a.phase() == null ? TransferPhase.TRANSFER_PHASE_UNSPECIFIED : TransferPhase.valueOf("TRANSFER_PHASE_" + a.phase().name()))
          .setReason(a.text()));
    }
    sendToBot(a.room(), livekit.participants(a.room()), a.job(), b.build());
  }

  private void notify(String id, TransferAction.Notify a) {
    Transfer t = store.find(id).orElseThrow(() -> new IllegalStateException("no transfer " + id));
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("transferId", t.id());
    msg.put("state", a.state().wireName());
    msg.put("fromRoom", t.fromRoom());
    msg.put("newRoom", t.newRoom());
    msg.put("agentA", t.agentA());
    msg.put("agentB", t.agentB());
    msg.put("callerIdentity", t.callerIdentity());
    msg.put("reason", a.reason());
    msg.put("at", a.at().toString());
    // Consoles first: they must hear of it even while LiveKit is away.
    feed.publish(TransferView.change(t, calls));
    byte[] bytes = json(msg);
    livekit.sendData(t.fromRoom(), bytes, List.of(), Topics.TRANSFER);
    livekit.sendData(t.newRoom(), bytes, List.of(), Topics.TRANSFER);
  }

  private void sendMove(TransferAction.SendMove a) {
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("room", a.newRoom());
    msg.put("token", tokens.issue(a.callerIdentity(), a.newRoom(), null, Role.CALLER));
    msg.put("wsUrl", wsUrl);
    livekit.sendData(a.fromRoom(), json(msg), List.of(a.callerIdentity()), Topics.MOVE);
    LOG.info("event=caller_move_sent room={} caller={} to_room={}", a.fromRoom(), a.callerIdentity(), a.newRoom());
  }

  private void sendBriefingText(String id, TransferAction.SendBriefingText a) {
    BriefingCard c = calls.transferBriefing(id).map(CallRecords.TransferBriefing::card).orElse(BriefingCard.getDefaultInstance());
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("transferId", id);
    msg.put("summary", c.getSummary());
    msg.put("spoken", c.getSpoken());
    msg.put("reason", c.getReason());
    msg.put("facts", TransferView.facts(c));
    msg.put("sentiment", c.getSentiment());
    msg.put("nextStep", c.getNextStep());
    msg.put("provider", c.getProvider());
    msg.put("notes", c.getNotes());
    livekit.sendData(a.room(), json(msg), List.of(a.identity()), Topics.BRIEFING);
  }

  private BotInstruction.Builder instruction(String id, int seq) {
    return BotInstruction.newBuilder().setInstructionId(id + ":" + seq).setTransferId(id).setSentAtMs(clock.millis());
  }

  /** To the room's bot of that job; no bot there (not dispatched yet, or gone) is not an error. */
  private void sendToBot(String room, List<ParticipantInfo> in, BotJob job, BotInstruction instruction) {
    String want = job.name().toLowerCase(Locale.ROOT);
    Optional<ParticipantInfo> bot = in.stream()
        .filter(p -> want.equals(p.getAttributesMap().get(Topics.ATTR_JOB)))
        .findFirst();
    if (bot.isEmpty()) {
      LOG.info("event=bot_instruction_skipped room={} job={} kind={} reason=\"no such bot in the room\"", room, want,
          instruction.getKindCase());
      return;
    }
    livekit.sendData(room, instruction.toByteArray(), List.of(bot.get().getIdentity()), Topics.BOT_INSTRUCTION);
  }

  /** The caller: the one participant whose token says role=caller, else the one human who is not Agent A. */
  static Optional<String> findCaller(List<ParticipantInfo> in, String agentA) {
    List<ParticipantInfo> byRole = in.stream().filter(p -> "caller".equals(p.getAttributesMap().get(Topics.ATTR_ROLE))).toList();
    if (byRole.size() == 1) {
      return Optional.of(byRole.get(0).getIdentity());
    }
    if (!byRole.isEmpty()) {
      return Optional.empty();
    }
    List<ParticipantInfo> others = in.stream()
        .filter(p -> p.getKind() != ParticipantInfo.Kind.AGENT && !p.getAttributesMap().containsKey(Topics.ATTR_JOB))
        .filter(p -> !p.getIdentity().equals(agentA) && !"agent".equals(p.getAttributesMap().get(Topics.ATTR_ROLE)))
        .toList();
    return others.size() == 1 ? Optional.of(others.get(0).getIdentity()) : Optional.empty();
  }

  private static Optional<ParticipantInfo> find(List<ParticipantInfo> in, String identity) {
    return in.stream().filter(p -> p.getIdentity().equals(identity)).findFirst();
  }

  private static List<String> audioTracks(ParticipantInfo p) {
    // All of A's tracks: a caller page should get neither A's voice nor A's screen.
    return p.getTracksList().stream().map(TrackInfo::getSid).toList();
  }

  private static byte[] json(Object o) {
    try {
      return JSON.writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

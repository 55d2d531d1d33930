package dev.warmtransfer.service.transfer;

import dev.warmtransfer.proto.JobSpec;
import dev.warmtransfer.proto.Topics;
import dev.warmtransfer.service.livekit.LiveKitControl;
import dev.warmtransfer.service.webhook.RoomActivity;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitWebhook.WebhookEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches the call assistant to a room as soon as it holds a caller and an agent (by the role
 * their tokens gave them, however the tokens were made), once per call. The assistant leaves by
 * itself when the call ends; the room closing ends our record of the call. An assistant that
 * leaves while the caller and the agent are still there (its worker died: LiveKit moves no job)
 * is dispatched again.
 */
public final class CallAssistants implements RoomActivity.Listener, Managed {
  private static final Logger LOG = LoggerFactory.getLogger(CallAssistants.class);
  private final LiveKitControl livekit;
  private final CallRecords calls;
  private final Clock clock;
  // Webhook threads only enqueue; LiveKit is asked from this one thread.
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "call-assistants");
        t.setDaemon(true);
        return t;
      });

  public CallAssistants(LiveKitControl livekit, CallRecords calls, Clock clock) {
    this.livekit = livekit;
    this.calls = calls;
    this.clock = clock;
  }

  @Override
  public void onEvent(WebhookEvent event) {
    String room = event.getRoom().getName();
    switch (event.getEvent()) {
      case "participant_joined" -> {
        String role = event.getParticipant().getAttributesMap().get(Topics.ATTR_ROLE);
        if ("caller".equals(role) || "agent".equals(role)) {
          worker.execute(() -> consider(room));
        }
      }
      case "participant_left", "participant_connection_aborted" -> {
        if ("assistant".equals(event.getParticipant().getAttributesMap().get(Topics.ATTR_JOB))) {
          String gone = event.getParticipant().getIdentity();
          worker.execute(() -> replace(room, gone));
        }
      }
      case "room_finished" -> worker.execute(() -> calls.callEnded(room, clock.instant()));
      default -> {}
    }
  }

  private void consider(String room) {
    try {
      List<ParticipantInfo> in = livekit.participants(room);
      Optional<String> caller = withRole(in, "caller");
      Optional<String> agent = withRole(in, "agent");
      boolean present = in.stream().anyMatch(p -> "assistant".equals(p.getAttributesMap().get(Topics.ATTR_JOB)));
      if (caller.isEmpty() || agent.isEmpty() || present) {
        return;
      }
      if (!calls.claimAssistant(room, caller.get(), agent.get(), clock.instant())) {
        return;
      }
      JobSpec spec = JobSpec.newBuilder().setKind(JobSpec.Kind.CALL_ASSISTANT).setRoom(room)
          .setCallerIdentity(caller.get()).setAttempt(1).build();
      try {
        String id = livekit.createDispatch(room, Base64.getEncoder().encodeToString(spec.toByteArray()));
        calls.assistantDispatched(room, id);
        LOG.info("event=assistant_dispatched room={} caller={} agent={} dispatch={}", room, caller.get(), agent.get(), id);
      } catch (RuntimeException e) {
        calls.releaseAssistant(room);
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.warn("event=assistant_dispatch_failed room={} error=\"{}\"", room, e.getMessage());
    }
  }

  /** The call goes on without its assistant: a new one, if a caller and an agent are still there. */
  private void replace(String room, String gone) {
    try {
      calls.releaseAssistant(room);
      LOG.info("event=assistant_left room={} assistant={}", room, gone);
      consider(room);
    } catch (RuntimeException e) {
      LOG.warn("event=assistant_replace_failed room={} error=\"{}\"", room, e.getMessage());
    }
  }

  private static Optional<String> withRole(List<ParticipantInfo> in, String role) {
    return in.stream().filter(p -> role.equals(p.getAttributesMap().get(Topics.ATTR_ROLE))).map(ParticipantInfo::getIdentity).findFirst();
  }

  @Override
  public void start() {}

  @Override
  public void stop() throws InterruptedException {
    worker.shutdown();
    worker.awaitTermination(5, TimeUnit.SECONDS);
  }
}

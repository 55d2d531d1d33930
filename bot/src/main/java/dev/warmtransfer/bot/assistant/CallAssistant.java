package dev.warmtransfer.bot.assistant;

import dev.warmtransfer.bot.captions.Captions;
import dev.warmtransfer.bot.jobs.Instructions;
import dev.warmtransfer.bot.jobs.JobLoop;
import dev.warmtransfer.bot.jobs.JobResources;
import dev.warmtransfer.bot.room.RemoteParticipant;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.bot.worker.Job;
import dev.warmtransfer.bot.worker.JobContext;
import dev.warmtransfer.bot.worker.JobOutcome;
import dev.warmtransfer.proto.BotInstruction;
import dev.warmtransfer.proto.BotReport;
import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.proto.JobEnded;
import dev.warmtransfer.proto.Role;
import dev.warmtransfer.proto.RunningBriefing;
import dev.warmtransfer.proto.Topics;
import dev.warmtransfer.proto.TranscriptSegment;
import dev.warmtransfer.speech.transcribe.Segment;
import dev.warmtransfer.speech.transcribe.Transcript;
import dev.warmtransfer.speech.transcribe.Transcription;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call assistant in the caller's room R: a live transcript of every person in the room, each
 * speaker separately, shown as captions and reported segment by segment; a briefing of the call
 * kept up to date; hold audio and a spoken line when the service says so. It decides nothing
 * about a transfer. It ends when no person is left in R, when the room closes, or when stopped.
 */
public final class CallAssistant implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(CallAssistant.class);
  /** How long an empty room is given for its first person (a job dispatched just before they join). */
  static final long FIRST_PERSON_GRACE_MS = 60_000;

  private final JobContext context;
  private final JobResources resources;
  private final RoomOptions options;
  private final JobLoop loop;
  private final Instructions instructions = new Instructions();
  private final Transcript transcript = new Transcript();
  private final CompletableFuture<JobOutcome> done = new CompletableFuture<>();
  private final ScheduledExecutorService timer;
  // Loop-confined state.
  private final Map<String, SpeakerPipeline> speakers = new HashMap<>();
  private final Map<String, String> lastFinalSegment = new HashMap<>();
  private final Map<String, String> trackOf = new HashMap<>();
  // Heard frames on their way from WebRTC's audio thread to the loop (see Listener.onAudio).
  private record Heard(String identity, String trackSid, short[] samples, long atMs) {}
  static final int HEARD_BATCH = 4;
  private final ConcurrentLinkedQueue<Heard> heard = new ConcurrentLinkedQueue<>();
  private final AtomicInteger heardCount = new AtomicInteger();
  private final AtomicBoolean heardScheduled = new AtomicBoolean();
  private HoldPlayer hold;
  private BriefingKeeper briefing;
  private Captions captions;
  private volatile Room room;
  private volatile long joinedAtMs;
  private boolean sawPerson;
  private int finals;
  // The last hold-off: heard from the room, and carried out (nanoTime); benchmarks read them.
  private volatile long holdOffHeardAt;
  private volatile long holdOffDoneAt;

  public CallAssistant(JobContext context, JobResources resources, RoomOptions options) {
    this.context = Objects.requireNonNull(context, "context");
    this.resources = Objects.requireNonNull(resources, "resources");
    this.options = Objects.requireNonNull(options, "options");
    this.loop = new JobLoop("assistant-" + context.jobId());
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "assistant-timer-" + context.jobId());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void start() {
    joinedAtMs = System.currentTimeMillis();
    Room r = Room.connect(context.url(), context.token(), options, new Listener());
    room = r;
    captions = new Captions(r::sendPacket);
    loop.execute(() -> {
      hold = new HoldPlayer(r.voice(), resources.holdAudio(), loop);
      briefing = new BriefingKeeper(resources.localSummarizer(), resources.remoteSummarizer(),
          resources.remoteSummaryInterval(), resources.summaries(), transcript::text, this::onBriefing);
      r.remoteParticipants().stream().filter(p -> !p.isAgent()).forEach(p -> sawPerson = true);
    });
    timer.schedule(() -> loop.execute(() -> {
      if (!sawPerson) {
        end("no person joined", false);
      }
    }), FIRST_PERSON_GRACE_MS, TimeUnit.MILLISECONDS);
    LOG.info("event=job_started kind=call_assistant job={} room={} identity={}", context.jobId(), r.name(),
        context.identity());
  }

  @Override
  public void stop(String reason) {
    loop.execute(() -> end(reason, false));
    // If the loop is stuck or gone, the room still goes within the 3 s LiveKit allows.
    if (done.isDone()) {
      return;
    }
    try {
      timer.schedule(() -> finish(reason, false), 2_500, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Ended meanwhile: nothing left to stop.
    }
  }

  @Override
  public CompletableFuture<JobOutcome> done() {
    return done;
  }

  /** The last hold-off instruction: when it reached us and when the hold audio was cleared (nanoTime, 0 = none). */
  public HoldOffTiming lastHoldOff() {
    return new HoldOffTiming(holdOffHeardAt, holdOffDoneAt);
  }

  public record HoldOffTiming(long heardAtNanos, long stoppedAtNanos) {}

  private void end(String reason, boolean failed) {
    finish(reason, failed);
  }

  /** From any thread: leaves the room and says so, once. */
  private synchronized void finish(String reason, boolean failed) {
    if (done.isDone()) {
      return;
    }
    LOG.info("event=job_ended kind=call_assistant job={} reason=\"{}\" segments={}", context.jobId(), reason, finals);
    report(BotReport.newBuilder().setJobEnded(JobEnded.newBuilder().setReason(reason).setFailed(failed)));
    Room r = room;
    if (r != null) {
      r.close();
    }
    loop.close();
    timer.shutdownNow();
    done.complete(failed ? JobOutcome.failure(reason) : JobOutcome.success(reason));
  }

  private boolean isPerson(String identity) {
    Room r = room;
    return r != null && !identity.isEmpty()
        && r.participant(identity).map(p -> !p.isAgent()).orElse(false);
  }

  private Role role(String identity) {
    String role = room.participant(identity).map(RemoteParticipant::attributes)
        .map(a -> a.getOrDefault(Topics.ATTR_ROLE, "")).orElse("");
    return switch (role) {
      case "caller" -> Role.ROLE_CALLER;
      case "agent" -> Role.ROLE_AGENT;
      case "bot" -> Role.ROLE_BOT;
      default -> Role.ROLE_UNSPECIFIED;
    };
  }

  /** How the transcript names a speaker for the summarizer: by role when known. */
  private String label(String identity) {
    return switch (role(identity)) {
      case ROLE_CALLER -> "Caller";
      case ROLE_AGENT -> "Agent";
      default -> identity;
    };
  }

  private void onAudio(String identity, String trackSid, short[] samples, long atMs) {
    if (done.isDone() || !isPerson(identity)) {
      return;
    }
    trackOf.put(identity, trackSid);
    speakers.computeIfAbsent(identity, id -> new SpeakerPipeline(id, this::recognize)).accept(samples, atMs - joinedAtMs);
  }

  /** On the loop: everything heard since the last call, in order. */
  private void drainHeard() {
    heardScheduled.set(false);
    Heard h;
    while ((h = heard.poll()) != null) {
      heardCount.decrementAndGet();
      onAudio(h.identity(), h.trackSid(), h.samples(), h.atMs());
    }
  }

  /** On the loop: hands the audio to the shared recognizers; the answer comes back to the loop. */
  private void recognize(SpeakerPipeline.Request request) {
    CompletableFuture
        .supplyAsync(() -> resources.speech().transcriber().transcribe(request.audio(), resources.hints()),
            resources.recognition())
        .whenComplete((t, e) -> loop.execute(() -> {
          if (e != null) {
            LOG.warn("event=recognition_failed job={} speaker={} final={} error=\"{}\"", context.jobId(),
                request.speaker(), request.isFinal(), e.toString());
          } else {
            onRecognized(request, t);
          }
        }));
  }

  private void onRecognized(SpeakerPipeline.Request request, Transcription t) {
    if (done.isDone()) {
      return;
    }
    String speaker = request.speaker();
    String track = trackOf.getOrDefault(speaker, "");
    if (!request.isFinal()) {
      // An interim that comes back after its segment's final would take the caption backwards.
      if (!request.segmentId().equals(lastFinalSegment.get(speaker)) && !t.text().isBlank()) {
        captions.publish(speaker, track, request.segmentId(), t.text(), false);
      }
      return;
    }
    lastFinalSegment.put(speaker, request.segmentId());
    if (t.text().isBlank()) {
      return;
    }
    finals++;
    captions.publish(speaker, track, request.segmentId(), t.text(), true);
    transcript.add(new Segment(label(speaker), request.startMs(), request.endMs(), t.text(), t.provider()));
    LOG.info("event=segment_final job={} speaker={} start_ms={} end_ms={} provider={}", context.jobId(), speaker,
        request.startMs(), request.endMs(), t.provider().wireName());
    report(BotReport.newBuilder().setSegment(TranscriptSegment.newBuilder()
        .setSegmentId(request.segmentId())
        .setSpeaker(speaker)
        .setRole(role(speaker))
        .setStartMs(request.startMs())
        .setEndMs(request.endMs())
        .setText(t.text())
        .setEngine(t.provider().wireName())));
    briefing.update();
  }

  private void onBriefing(BriefingCard card) {
    report(BotReport.newBuilder().setRunningBriefing(
        RunningBriefing.newBuilder().setBriefing(card).setSegments(transcript.segments().size())));
  }

  private void onInstruction(BotInstruction i) {
    LOG.info("event=instruction job={} id={} kind={}", context.jobId(), i.getInstructionId(), i.getKindCase());
    switch (i.getKindCase()) {
      case HOLD_ON -> hold.start();
      case HOLD_OFF -> {
        hold.stop();
        holdOffDoneAt = System.nanoTime();
      }
      case SAY -> say(i.getSay().getText());
      case TRANSFER_ENDED, UPDATE_BRIEFING, KIND_NOT_SET -> { }
    }
  }

  private void say(String text) {
    if (text.isBlank()) {
      return;
    }
    var sink = room.speak();
    resources.synthesis().execute(() -> {
      try {
        resources.speech().synthesizer().speak(text, sink);
      } catch (RuntimeException e) {
        sink.end();
        LOG.warn("event=say_failed job={} error=\"{}\"", context.jobId(), e.toString());
      }
    });
  }

  private void onLeft(String identity) {
    SpeakerPipeline p = speakers.remove(identity);
    if (p != null) {
      p.flush();
    }
    trackOf.remove(identity);
    Room r = room;
    if (r != null && r.remoteParticipants().stream().noneMatch(x -> !x.isAgent())) {
      end("no person left in the room", false);
    }
  }

  private void report(BotReport.Builder b) {
    Room r = room;
    context.report(r == null ? null : r.name(), b);
  }

  /** Every callback only enqueues onto the job's loop. */
  private final class Listener implements RoomListener {
    @Override
    public void onParticipantJoined(String identity) {
      loop.execute(() -> {
        if (isPerson(identity)) {
          sawPerson = true;
        }
      });
    }

    @Override
    public void onParticipantLeft(String identity) {
      loop.execute(() -> {
        drainHeard(); // their last words first
        onLeft(identity);
      });
    }

    /**
     * Frames (100 a second per speaker) wait in a queue and the loop takes them a few at a time:
     * one wake-up of the job's thread per frame was most of what hearing two people cost it.
     */
    @Override
    public void onAudio(String identity, String trackSid, short[] samples) {
      heard.add(new Heard(identity, trackSid, samples, System.currentTimeMillis()));
      if (heardCount.incrementAndGet() >= HEARD_BATCH && heardScheduled.compareAndSet(false, true)) {
        loop.execute(CallAssistant.this::drainHeard);
      }
    }

    @Override
    public void onData(String fromIdentity, String topic, byte[] payload) {
      long at = System.nanoTime();
      instructions.accept(fromIdentity, topic, payload).ifPresent(i -> {
        if (i.hasHoldOff()) {
          holdOffHeardAt = at;
        }
        loop.execute(() -> onInstruction(i));
      });
    }

    @Override
    public void onDisconnected(Exception cause) {
      loop.execute(() -> end("room closed: " + (cause == null ? "" : cause.getMessage()), false));
    }
  }
}

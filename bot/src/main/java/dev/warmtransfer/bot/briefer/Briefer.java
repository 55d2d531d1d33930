package dev.warmtransfer.bot.briefer;

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
import dev.warmtransfer.proto.BriefingSpoken;
import dev.warmtransfer.proto.JobEnded;
import dev.warmtransfer.proto.ListenerJoined;
import dev.warmtransfer.proto.Topics;
import dev.warmtransfer.proto.TransferPhase;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The briefer in the handoff room H: the briefing is spoken into memory as soon as the job starts;
 * it plays the moment B can hear it, stops for good if B talks over it, and the structured
 * briefing goes to B (and to anyone who joins later) once their connection carries data. B's
 * accept or decline goes to the service. It leaves when the transfer ends, after one sentence if
 * the caller hung up.
 *
 * <p>"B can hear it": LiveKit tells a publisher {@code track_subscribed} only for a track's first
 * subscriber, the moment that subscriber's media connection carries it. Our voice is therefore
 * B's alone until then (subscription permissions: Agent A, already here, cannot subscribe first),
 * and open to everyone once B hears it. Earlier news (B joined, B ACTIVE, B's microphone reaching
 * us) comes before our voice reaches B, so it starts nothing. The fallback counts from B's media
 * connection, not from B's join: under load B's connection took 15 s after its join (measured).
 */
public final class Briefer implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(Briefer.class);
  static final String CALLER_LEFT_LINE = "The caller has hung up.";
  /** B up, our voice never subscribed (B subscribes by hand?): speak anyway. 50 in flight: 57 of 62 within 10 s. */
  static final long SUBSCRIBE_FALLBACK_MS = 10_000;
  /**
   * The briefing's first 10 ms frames sent at once: B's jitter buffer, new with B's subscription,
   * plays nothing until it holds its starting depth, which these fill. BriefingLatencyBench, B's
   * first audible frame p50 after its connect(): 324 ms with none, 243 with 8, 203 with 24, no
   * better with 40 or 64.
   */
  static final int LEAD_IN_FRAMES = 24;

  private enum State { WAITING, SPEAKING, SPOKEN, INTERRUPTED, ENDING }

  private final JobContext context;
  private final JobResources resources;
  private final RoomOptions options;
  private final String transferId;
  private final String listener;
  private final JobLoop loop;
  private final Instructions instructions = new Instructions();
  private final CompletableFuture<JobOutcome> done = new CompletableFuture<>();
  private final ScheduledExecutorService timer;
  // Loop-confined state.
  private volatile State state = State.WAITING;
  private final CardSender cards;
  private SpokenBriefing prepared;
  private int preparing;
  private final BriefingSteps steps = new BriefingSteps();
  private boolean listenerSeen;
  private boolean fallbackArmed;
  private final Interruption interruption = new Interruption();
  private volatile Room room;

  public Briefer(JobContext context, JobResources resources, RoomOptions options) {
    this.context = Objects.requireNonNull(context, "context");
    this.resources = Objects.requireNonNull(resources, "resources");
    this.options = Objects.requireNonNull(options, "options");
    this.transferId = context.spec().getTransferId();
    this.listener = context.spec().getListenerIdentity();
    if (listener.isEmpty()) {
      throw new IllegalArgumentException("spec.listener_identity is empty");
    }
    this.cards = new CardSender(transferId, context.spec().getBriefing());
    this.loop = new JobLoop("briefer-" + context.jobId());
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "briefer-timer-" + context.jobId());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void start() {
    // Speech first: it is made while we join, long before B arrives.
    loop.execute(this::prepare);
    Room r = Room.connect(context.url(), context.token(), options.withVoiceOnlyFor(listener), new Listener());
    // Only B may hear this voice, and B's stream is new: no need to mute it while B is on the way.
    r.voice().standBy();
    room = r;
    LOG.info("event=job_started kind=briefer job={} room={} transfer={} listener={}", context.jobId(), r.name(),
        transferId, listener);
  }

  @Override
  public void stop(String reason) {
    loop.execute(() -> end(reason));
    if (done.isDone()) {
      return;
    }
    try {
      timer.schedule(() -> end(reason), 2_500, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Ended meanwhile: nothing left to stop.
    }
  }

  @Override
  public CompletableFuture<JobOutcome> done() {
    return done;
  }

  /** When each step towards B's first words happened (benchmarks read it after the job). */
  public BriefingSteps steps() {
    return steps;
  }

  private static String spokenText(BriefingCard c) {
    return c.getSpoken().isBlank() ? c.getSummary() : c.getSpoken();
  }

  /** On the loop: (re)synthesizes the current card; a newer request makes an older answer stale. */
  private void prepare() {
    int gen = ++preparing;
    String text = spokenText(cards.card());
    if (text.isBlank()) {
      LOG.warn("event=briefing_empty job={} transfer={}", context.jobId(), transferId);
      return;
    }
    long t0 = System.nanoTime();
    CompletableFuture.supplyAsync(() -> SpokenBriefing.synthesize(resources.speech().synthesizer(), text),
        resources.synthesis()).whenComplete((s, e) -> loop.execute(() -> {
          if (e != null) {
            LOG.warn("event=briefing_synthesis_failed job={} error=\"{}\"", context.jobId(), e.toString());
            return;
          }
          if (gen != preparing) {
            return;
          }
          prepared = s;
          LOG.info("event=briefing_prepared job={} transfer={} audio_ms={} synthesis_ms={} provider={}",
              context.jobId(), transferId, s.durationMs(), (System.nanoTime() - t0) / 1_000_000, s.provider());
          if (steps.ready() != 0 && state == State.WAITING) {
            speak();
          }
        }));
  }

  /** On the loop: B can hear us now. */
  private void listenerReady(String why) {
    if (steps.ready() != 0 || state == State.ENDING) {
      return;
    }
    steps.ready(System.nanoTime(), why);
    // Sound first: logging and reporting come after the briefing is on its way.
    if (prepared != null) {
      speak();
    }
    // B was its first subscriber: anyone else here (Agent A) may listen in from now on.
    room.voiceForEveryone();
    LOG.info("event=listener_ready job={} transfer={} listener={} signal={}", context.jobId(), transferId, listener, why);
    report(BotReport.newBuilder().setListenerJoined(
        ListenerJoined.newBuilder().setTransferId(transferId).setIdentity(listener)));
  }

  /** On the loop, once B's media connection is known to be up (B ACTIVE, or B's microphone here). */
  private void armFallback() {
    if (fallbackArmed || done.isDone()) {
      return;
    }
    fallbackArmed = true;
    try {
      timer.schedule(() -> loop.execute(() -> listenerReady("fallback")), SUBSCRIBE_FALLBACK_MS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The job ended meanwhile.
    }
  }

  private void speak() {
    state = State.SPEAKING;
    SpokenBriefing s = prepared;
    Room r = room;
    SpokenBriefing.Playing playing = s.playOn(r.voice(), LEAD_IN_FRAMES);
    prepared = s.queued(); // the pacer holds the audio now; a second copy per briefer filled the heap
    playing.firstFrame().whenComplete((v, e) -> {
      if (e == null) {
        steps.firstFrameOut(System.nanoTime());
      }
    });
    playing.all().whenComplete((v, e) -> loop.execute(() -> {
      if (e == null && state == State.SPEAKING) {
        state = State.SPOKEN;
        spoken(true, false);
      }
    }));
  }

  private void spoken(boolean completed, boolean interrupted) {
    LOG.info("event=briefing_spoken job={} transfer={} first_audio_ms={} completed={} interrupted={} {}",
        context.jobId(), transferId, steps.firstAudioMs(), completed, interrupted, steps.logFields());
    report(BotReport.newBuilder().setBriefingSpoken(BriefingSpoken.newBuilder()
        .setTransferId(transferId)
        .setListenerIdentity(listener)
        .setFirstAudioMs(Math.max(0, steps.firstAudioMs()))
        .setCompleted(completed)
        .setInterrupted(interrupted)
        .setProvider(prepared == null ? "" : prepared.provider())));
  }

  private void onListenerAudio(short[] frame) {
    if (state == State.SPEAKING && interruption.hear(frame)) {
      state = State.INTERRUPTED;
      room.voice().clear();
      spoken(false, true);
    }
  }

  private void onInstruction(BotInstruction i) {
    LOG.info("event=instruction job={} id={} kind={}", context.jobId(), i.getInstructionId(), i.getKindCase());
    switch (i.getKindCase()) {
      case UPDATE_BRIEFING -> {
        cards.card(i.getUpdateBriefing().getBriefing());
        cards.sendToPeople(room);
        if (state == State.WAITING) {
          prepared = null;
          prepare();
        }
      }
      case TRANSFER_ENDED -> transferEnded(i.getTransferEnded().getPhase());
      case HOLD_ON, HOLD_OFF, SAY, KIND_NOT_SET -> { }
    }
  }

  private void transferEnded(TransferPhase phase) {
    if (state == State.ENDING) {
      return;
    }
    boolean wasSpeaking = state == State.SPEAKING;
    state = State.ENDING;
    Room r = room;
    r.voice().clear();
    if (wasSpeaking) {
      spoken(false, false);
    }
    if (phase != TransferPhase.TRANSFER_PHASE_CALLER_LEFT) {
      end("transfer ended: " + phase.name());
      return;
    }
    var sink = r.speak();
    resources.synthesis().execute(() -> {
      try {
        resources.speech().synthesizer().speak(CALLER_LEFT_LINE, sink);
      } catch (RuntimeException e) {
        sink.end();
      }
    });
    sink.played().orTimeout(15, TimeUnit.SECONDS)
        .whenComplete((v, e) -> loop.execute(() -> end("transfer ended: caller left")));
  }

  private synchronized void end(String reason) {
    if (done.isDone()) {
      return;
    }
    LOG.info("event=job_ended kind=briefer job={} transfer={} reason=\"{}\"", context.jobId(), transferId, reason);
    if (state == State.SPEAKING) {
      // Stopped mid-briefing: the service learns how far it got.
      state = State.ENDING;
      spoken(false, false);
    }
    report(BotReport.newBuilder().setJobEnded(JobEnded.newBuilder().setReason(reason)));
    Room r = room;
    if (r != null) {
      r.close();
    }
    loop.close();
    timer.shutdownNow();
    done.complete(JobOutcome.success(reason));
  }

  private void report(BotReport.Builder b) {
    Room r = room;
    context.report(r == null ? null : r.name(), b);
  }

  /** Every callback only enqueues onto the job's loop. */
  private final class Listener implements RoomListener {
    @Override
    public void onLocalTrackSubscribed(String trackSid) {
      long at = System.nanoTime();
      loop.execute(() -> {
        // Only B may subscribe to our voice until B hears it, so this is B, even when LiveKit has
        // not told us yet that B joined (a participant that publishes nothing is announced late).
        steps.subscribed(at);
        listenerSeen |= room.participant(listener).isPresent();
        listenerReady("track_subscribed");
        // Someone's subscriber connection is up: data sent to them now arrives (after the sound).
        cards.sendToPeople(room);
      });
    }

    @Override
    public void onParticipantJoined(String identity) {
      if (identity.equals(listener)) {
        long at = System.nanoTime();
        loop.execute(() -> {
          listenerSeen = true;
          steps.joined(at);
        });
      }
    }

    @Override
    public void onTrackSubscribed(String identity, String trackSid) {
      // Their media reached us: their connection is up, so the card will arrive now. Not a start
      // signal: B's microphone often reaches us before our voice reaches B (measured).
      long at = System.nanoTime();
      loop.execute(() -> {
        cards.sendToPerson(room, identity);
        if (identity.equals(listener)) {
          listenerSeen = true;
          steps.listenerTrack(at);
          armFallback();
        }
      });
    }

    @Override
    public void onParticipantActive(String identity) {
      long at = System.nanoTime();
      loop.execute(() -> {
        // Their connection is up: data sent to them now arrives.
        cards.sendToPerson(room, identity);
        if (identity.equals(listener)) {
          // Not a start signal: LiveKit adds our voice in a second negotiation, after this.
          steps.active(at);
          armFallback();
        }
      });
    }

    @Override
    public void onParticipantLeft(String identity) {
      loop.execute(() -> {
        Room r = room;
        if (listenerSeen && r != null && r.remoteParticipants().stream().allMatch(RemoteParticipant::isAgent)) {
          end("no person left in the room");
        }
      });
    }

    @Override
    public void onAudio(String identity, String trackSid, short[] samples) {
      if (identity.equals(listener)) {
        loop.execute(() -> onListenerAudio(samples));
      }
    }

    @Override
    public void onData(String fromIdentity, String topic, byte[] payload) {
      if (Topics.DECISION.equals(topic)) {
        if (fromIdentity.equals(listener)) {
          Decisions.parse(payload, transferId, fromIdentity).ifPresent(d -> loop.execute(() -> {
            LOG.info("event=decision job={} transfer={} accepted={}", context.jobId(), transferId, d.getAccepted());
            report(BotReport.newBuilder().setDecision(d));
          }));
        }
        return;
      }
      if (Topics.BRIEFING.equals(topic) && !fromIdentity.isEmpty()) {
        // A console that missed the card asks for it.
        loop.execute(() -> {
          cards.sendToPerson(room, fromIdentity);
        });
        return;
      }
      instructions.accept(fromIdentity, topic, payload).ifPresent(i -> loop.execute(() -> onInstruction(i)));
    }

    @Override
    public void onDisconnected(Exception cause) {
      loop.execute(() -> end("room closed: " + (cause == null ? "" : cause.getMessage())));
    }
  }
}

package dev.warmtransfer.bot.briefer;

import dev.warmtransfer.bot.jobs.Cards;
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
import java.util.Arrays;
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
 * it plays the moment LiveKit says our voice was subscribed while Agent B is in the room (the
 * earliest B can hear it), stops for good if B talks over it, and the structured briefing goes to
 * B (and to anyone who joins later) once their connection carries data. B's accept or decline goes
 * to the service. It leaves when the transfer ends, after one sentence if the caller hung up.
 */
public final class Briefer implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(Briefer.class);
  static final String CALLER_LEFT_LINE = "The caller has hung up.";
  /** B present but our voice never reported subscribed (B subscribes by hand?): speak anyway after this. */
  static final long SUBSCRIBE_FALLBACK_MS = 3_000;

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
  private BriefingCard card;
  private SpokenBriefing prepared;
  private int preparing;
  private long readyAtNanos;
  private boolean listenerSeen;
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
    this.card = context.spec().getBriefing();
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
    Room r = Room.connect(context.url(), context.token(), options, new Listener());
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

  private static String spokenText(BriefingCard c) {
    return c.getSpoken().isBlank() ? c.getSummary() : c.getSpoken();
  }

  /** On the loop: (re)synthesizes the current card; a newer request makes an older answer stale. */
  private void prepare() {
    int gen = ++preparing;
    String text = spokenText(card);
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
          if (readyAtNanos != 0 && state == State.WAITING) {
            speak();
          }
        }));
  }

  /** On the loop: B can hear us now. */
  private void listenerReady(String why) {
    if (readyAtNanos != 0 || state == State.ENDING) {
      return;
    }
    readyAtNanos = System.nanoTime();
    // Sound first: logging and reporting come after the briefing is on its way.
    if (prepared != null) {
      speak();
    }
    LOG.info("event=listener_ready job={} transfer={} listener={} signal={}", context.jobId(), transferId, listener, why);
    report(BotReport.newBuilder().setListenerJoined(
        ListenerJoined.newBuilder().setTransferId(transferId).setIdentity(listener)));
  }

  private void speak() {
    state = State.SPEAKING;
    SpokenBriefing s = prepared;
    Room r = room;
    // The first 10 ms on their own: their future says when the first frame went to WebRTC.
    int first = Math.min(s.samples().length, s.sampleRate() / 100);
    CompletableFuture<Void> firstOut = r.play(Arrays.copyOf(s.samples(), first), s.sampleRate());
    CompletableFuture<Void> allOut = r.play(Arrays.copyOfRange(s.samples(), first, s.samples().length), s.sampleRate());
    prepared = s.queued(); // the pacer holds the audio now; a second copy per briefer filled the heap
    long readyAt = readyAtNanos;
    firstOut.whenComplete((v, e) -> {
      if (e == null) {
        long ms = (System.nanoTime() - readyAt) / 1_000_000;
        loop.execute(() -> firstAudioMs = ms);
      }
    });
    allOut.whenComplete((v, e) -> loop.execute(() -> {
      if (e == null && state == State.SPEAKING) {
        state = State.SPOKEN;
        spoken(true, false);
      }
    }));
  }

  private volatile long firstAudioMs = -1;

  private void spoken(boolean completed, boolean interrupted) {
    LOG.info("event=briefing_spoken job={} transfer={} first_audio_ms={} completed={} interrupted={}",
        context.jobId(), transferId, firstAudioMs, completed, interrupted);
    report(BotReport.newBuilder().setBriefingSpoken(BriefingSpoken.newBuilder()
        .setTransferId(transferId)
        .setListenerIdentity(listener)
        .setFirstAudioMs(Math.max(0, firstAudioMs))
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

  private void sendCard(String... to) {
    Room r = room;
    if (r != null && card.isInitialized()) {
      r.sendData(Topics.BRIEFING, Cards.json(transferId, card), to);
    }
  }

  /** The structured briefing to every person here (duplicates are harmless; a lost first send is not). */
  private void sendCardToPeople() {
    Room r = room;
    if (r == null) {
      return;
    }
    String[] people = r.remoteParticipants().stream().filter(p -> !p.isAgent()).map(RemoteParticipant::identity)
        .toArray(String[]::new);
    if (people.length > 0) {
      sendCard(people);
    }
  }

  private void onInstruction(BotInstruction i) {
    LOG.info("event=instruction job={} id={} kind={}", context.jobId(), i.getInstructionId(), i.getKindCase());
    switch (i.getKindCase()) {
      case UPDATE_BRIEFING -> {
        card = i.getUpdateBriefing().getBriefing();
        sendCardToPeople();
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

  private boolean isPerson(String identity) {
    Room r = room;
    return r != null && r.participant(identity).map(p -> !p.isAgent()).orElse(false);
  }

  private void report(BotReport.Builder b) {
    Room r = room;
    context.report(r == null ? null : r.name(), b);
  }

  /** Every callback only enqueues onto the job's loop. */
  private final class Listener implements RoomListener {
    @Override
    public void onLocalTrackSubscribed(String trackSid) {
      loop.execute(() -> {
        // Someone's subscriber connection is up: data sent to them now arrives.
        sendCardToPeople();
        if (room.participant(listener).isPresent()) {
          listenerSeen = true;
          listenerReady("track_subscribed");
        }
      });
    }

    @Override
    public void onParticipantJoined(String identity) {
      if (identity.equals(listener)) {
        loop.execute(() -> listenerSeen = true);
        if (!done.isDone()) {
          try {
            timer.schedule(() -> loop.execute(() -> listenerReady("fallback")), SUBSCRIBE_FALLBACK_MS,
                TimeUnit.MILLISECONDS);
          } catch (RejectedExecutionException e) {
            // The job ended meanwhile.
          }
        }
      }
    }

    @Override
    public void onTrackSubscribed(String identity, String trackSid) {
      // Their media reached us: their connection is up, so the card will arrive now. LiveKit says
      // "track subscribed" only for the first subscriber of our voice: when someone (Agent A) was
      // here before B, B's own microphone reaching us is the sign that B's media is up.
      loop.execute(() -> {
        if (isPerson(identity)) {
          sendCard(identity);
        }
        if (identity.equals(listener)) {
          listenerSeen = true;
          listenerReady("listener_track");
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
          if (isPerson(fromIdentity)) {
            sendCard(fromIdentity);
          }
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

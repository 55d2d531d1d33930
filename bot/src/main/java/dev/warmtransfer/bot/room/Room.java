package dev.warmtransfer.bot.room;

import dev.warmtransfer.bot.audio.AudioPacer;
import dev.warmtransfer.bot.rtc.EventLoop;
import dev.warmtransfer.bot.rtc.InboundStats;
import dev.warmtransfer.bot.rtc.Recovery;
import dev.warmtransfer.bot.rtc.RtcSession;
import dev.warmtransfer.bot.rtc.SessionOptions;
import dev.warmtransfer.bot.signal.SignalException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import livekit.LivekitModels;
import livekit.LivekitRtc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LiveKit room as one participant sees it: who is here, what they say, and our own voice.
 * It outlives its sessions: when only the signalling drops it resumes the same session (media
 * keeps flowing, nobody sees us leave); when that is not possible it joins again with backoff,
 * republishes the voice (same queue, so nothing queued is lost) and resubscribes, then gives up
 * clearly.
 *
 * <p>Threads: the session's events come to the room's own loop, which keeps the participant
 * state and calls the {@link RoomListener}, in order; a listener may call back into the room
 * from there. Reconnection waits (backoff, resume) happen on a third thread. Only
 * {@link RoomListener#onAudio} is called elsewhere, on WebRTC's audio thread.
 */
public final class Room implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Room.class);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private final String url;
  private volatile String token;
  private final RoomOptions options;
  private final RoomListener listener;
  private final Sessions sessions;
  private final AudioPacer voice = new AudioPacer();
  private final Participants participants = new Participants();
  private final EventLoop loop;
  private final ExecutorService reconnector;
  private volatile RtcSession session;
  // Which session is current: news from a replaced one is stale.
  private volatile int sessionSeq;
  private volatile boolean closed;
  private volatile String localIdentity;
  private volatile String roomName;
  private volatile String localAudioTrackSid;
  // Who may subscribe to our voice (null: everyone); a rejoin applies it again before publishing.
  private volatile List<String> voiceFor;

  private Room(String url, String token, RoomOptions options, RoomListener listener, Sessions sessions) {
    this.url = Objects.requireNonNull(url, "url");
    this.token = Objects.requireNonNull(token, "token");
    this.options = Objects.requireNonNull(options, "options");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.voiceFor = options.voiceFor();
    int n = SEQUENCE.incrementAndGet();
    // A listener that throws is its own bug: logged by the loop, the room goes on.
    this.loop = new EventLoop("room-" + n, e -> { });
    this.reconnector = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "room-reconnect-" + n);
      t.setDaemon(true);
      return t;
    });
  }

  /** Joins, or throws {@link SignalException} (refused, unreachable, timed out) within the connect timeout. */
  public static Room connect(String url, String token, RoomOptions options, RoomListener listener) {
    return connect(url, token, options, listener, Sessions.REAL);
  }

  static Room connect(String url, String token, RoomOptions options, RoomListener listener, Sessions sessions) {
    Room room = new Room(url, token, options, listener, sessions);
    try {
      room.session = sessions.connect(url, token, room.sessionOptions(), room.voice, room.sessionListener(0));
    } catch (RuntimeException e) {
      room.voice.close();
      room.reconnector.shutdownNow();
      room.loop.shutdown();
      throw e;
    }
    return room;
  }

  private SessionOptions sessionOptions() {
    return new SessionOptions(options.connectTimeout(), options.publishAudio() ? options.trackName() : null,
        options.autoSubscribe(), voiceFor);
  }

  /** Queues speech (mono 16-bit PCM at any rate); completes when it has been played into the room. */
  public CompletableFuture<Void> play(short[] samples, int sampleRate) {
    return voice.enqueue(samples, sampleRate);
  }

  /** {@link #play} with a lead-in: see {@link AudioPacer#enqueue(short[], int, int)}. */
  public CompletableFuture<Void> play(short[] samples, int sampleRate, int leadFrames) {
    return voice.enqueue(samples, sampleRate, leadFrames);
  }

  /**
   * A sink for speech synthesized in chunks (OpenAI's streamed PCM, espeak-ng): the first words
   * play while later ones are still being made; {@code played()} completes at the end.
   */
  public AudioPacer.Stream speak() {
    return voice.stream();
  }

  /** Lifts {@link RoomOptions#withVoiceOnlyFor}: everyone may subscribe to our voice from now on. */
  public void voiceForEveryone() {
    voiceFor = null;
    RtcSession s = session;
    if (s != null && !closed) {
      s.voiceFor(null);
    }
  }

  /** Our voice: also {@link AudioPacer#clear()} to stop at once, {@link AudioPacer#isPlaying()}. */
  public AudioPacer voice() {
    return voice;
  }

  /**
   * Sends reliable data to everyone ({@code to} empty) or to the given identities. False when not
   * connected right now (the caller decides whether to retry after {@code onReconnected}).
   * Safe from a listener callback; a caller interrupted while waiting gets an
   * {@link dev.warmtransfer.bot.rtc.RtcException} and keeps its interrupt flag.
   */
  public boolean sendData(String topic, byte[] payload, String... to) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    RtcSession s = session;
    return s != null && !closed && s.sendData(topic, payload, List.of(to));
  }

  /**
   * Sends a raw data packet on the reliable channel, as given (text streams, on-behalf captions:
   * an agent participant may set {@code participant_identity} to someone else). Leave
   * {@code sequence} 0 unless every packet this participant sends is numbered: LiveKit drops a
   * non-zero sequence not above the last one it saw from us. False when not connected right now.
   */
  public boolean sendPacket(LivekitModels.DataPacket packet) {
    Objects.requireNonNull(packet, "packet");
    RtcSession s = session;
    return s != null && !closed && s.sendPacket(packet);
  }

  /** The remote participant with this identity, as LiveKit last described it. */
  public Optional<RemoteParticipant> participant(String identity) {
    Objects.requireNonNull(identity, "identity");
    return Optional.ofNullable(participants.byIdentity(identity));
  }

  /** Every remote participant present now. */
  public List<RemoteParticipant> remoteParticipants() {
    return participants.all();
  }

  /** The SID of our published microphone track; null until LiveKit has accepted it (again after a rejoin). */
  public String localAudioTrackSid() {
    return localAudioTrackSid;
  }

  /** RTP packets received and lost, samples played and concealed, jitter buffer delay, over everything this participant hears. */
  public InboundStats inboundAudioStats() {
    return session.inboundAudioStats().values().stream().reduce(new InboundStats(0, 0, 0, 0), InboundStats::plus);
  }

  /** The same per track we hear, by track SID (whose it is: {@link RoomListener#onAudio}). */
  public java.util.Map<String, InboundStats> inboundAudioStatsByTrack() {
    return session.inboundAudioStats();
  }

  /** Our participant id on the server: unchanged by a resume, new after a full rejoin. */
  public String participantSid() {
    return session.participantSid();
  }

  /**
   * Drops the signalling connection as a network failure would, to drill resumption (LiveKit's
   * SDKs offer the same as a simulated scenario).
   */
  public void simulateSignalLoss() {
    session.simulateSignalLoss();
  }

  /** Identities of the remote participants present now. */
  public Set<String> participants() {
    return participants.identities();
  }

  public String identity() {
    return localIdentity;
  }

  public String name() {
    return roomName;
  }

  /** The session's news, moved onto the room loop (remote audio excepted: it stays on WebRTC's thread). */
  private RtcSession.Listener sessionListener(int seq) {
    return new RtcSession.Listener() {
      @Override
      public void onJoined(LivekitRtc.JoinResponse join) {
        localIdentity = join.getParticipant().getIdentity();
        roomName = join.getRoom().getName();
      }

      @Override
      public void onParticipants(List<LivekitModels.ParticipantInfo> infos) {
        loop.post(() -> participants.update(infos, localIdentity, listener));
      }

      @Override
      public void onMediaConnected() {
        loop.post(listener::onMediaConnected);
      }

      @Override
      public void onTrackSubscribed(String trackSid) {
        loop.post(() -> listener.onTrackSubscribed(participants.identityOfTrack(trackSid), trackSid));
      }

      @Override
      public void onTrackPublished(String trackSid) {
        localAudioTrackSid = trackSid;
      }

      @Override
      public void onLocalTrackSubscribed(String trackSid) {
        loop.post(() -> listener.onLocalTrackSubscribed(trackSid));
      }

      @Override
      public void onAudio(String trackSid, short[] samples48k) {
        listener.onAudio(participants.identityOfTrack(trackSid), trackSid, samples48k);
      }

      @Override
      public void onSpeakers(List<LivekitModels.SpeakerInfo> speakers) {
        loop.post(() -> {
          for (LivekitModels.SpeakerInfo s : speakers) {
            String identity = participants.identityOfSid(s.getSid());
            if (identity != null) {
              listener.onSpeaking(identity, s.getActive(), s.getLevel());
            }
          }
        });
      }

      @Override
      public void onData(LivekitModels.DataPacket packet) {
        loop.post(() -> {
          listener.onDataPacket(packet);
          if (packet.hasUser()) {
            String from = packet.getParticipantIdentity().isEmpty()
                ? packet.getUser().getParticipantIdentity() : packet.getParticipantIdentity();
            listener.onData(from, packet.getUser().getTopic(), packet.getUser().getPayload().toByteArray());
          }
        });
      }

      @Override
      public void onTokenRefreshed(String fresh) {
        token = fresh;
      }

      @Override
      public void onDisconnected(SignalException reason, Recovery recovery) {
        loop.post(() -> lost(seq, reason, recovery));
      }
    };
  }

  /**
   * On the room loop. Every loss of the current session is acted on, even one that comes while
   * an earlier recovery still runs: it queues behind it on the reconnector.
   */
  private void lost(int seq, SignalException reason, Recovery recovery) {
    if (closed || seq != sessionSeq) {
      return;
    }
    if (recovery == Recovery.NONE) {
      end(reason);
      return;
    }
    listener.onReconnecting(reason);
    reconnector.execute(() -> {
      if (closed || seq != sessionSeq) {
        return; // already replaced by a rejoin
      }
      if (!(recovery == Recovery.RESUME && resume())) {
        reconnect(reason);
      }
    });
  }

  /** LiveKit ended our part in the room: no rejoin, the room is closed and says why. */
  private void end(SignalException reason) {
    LOG.info("event=room_ended room={} reason=\"{}\"", roomName, reason.getMessage());
    closed = true;
    closeQuietly(session, false);
    voice.close();
    reconnector.shutdown();
    listener.onDisconnected(reason);
    loop.shutdown();
  }

  /** One attempt to resume the current session; false when a full rejoin is needed. */
  private boolean resume() {
    RtcSession s = session;
    try {
      LOG.info("event=room_resuming room={}", roomName);
      sessions.resume(s, url, token, options.connectTimeout());
      LOG.info("event=room_resumed room={} participant_sid={}", roomName, s.participantSid());
      loop.post(listener::onReconnected);
      return true;
    } catch (RuntimeException e) {
      LOG.info("event=room_resume_failed room={} reason=\"{}\"", roomName, e.getMessage());
      return false;
    }
  }

  /** Full rejoin with exponential backoff: a new session, the same voice queue. */
  private void reconnect(Exception cause) {
    int seq = sessionSeq + 1;
    sessionSeq = seq; // from here the old session's news is stale
    closeQuietly(session, false);
    long backoff = options.reconnectBackoff().toMillis();
    Exception last = cause;
    for (int attempt = 1; attempt <= options.reconnectAttempts() && !closed; attempt++) {
      try {
        Thread.sleep(backoff);
        LOG.info("event=room_reconnecting room={} attempt={}", roomName, attempt);
        loop.post(participants::clear);
        localAudioTrackSid = null;
        RtcSession fresh = sessions.connect(url, token, sessionOptions(), voice, sessionListener(seq));
        session = fresh;
        if (closed) {
          closeQuietly(fresh, true); // the room was closed while this session was joining
          return;
        }
        LOG.info("event=room_reconnected room={} attempt={}", roomName, attempt);
        loop.post(listener::onReconnected);
        return;
      } catch (SignalException e) {
        last = e;
        if (!e.retryable()) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        last = e;
      }
      backoff = Math.min(backoff * 2, 5_000);
    }
    if (closed) {
      return;
    }
    LOG.warn("event=room_lost room={} reason=\"{}\"", roomName, last == null ? "" : last.getMessage());
    closed = true;
    voice.close();
    Exception why = last;
    loop.post(() -> listener.onDisconnected(why));
    loop.shutdown();
  }

  /** A session that fails to close must not stop what comes next (a rejoin, the room's own close). */
  private void closeQuietly(RtcSession s, boolean leave) {
    if (s == null) {
      return;
    }
    try {
      sessions.close(s, leave);
    } catch (RuntimeException e) {
      LOG.warn("event=session_close_failed room={} error=\"{}\"", roomName, e.toString());
    }
  }

  @Override
  public void close() {
    closed = true;
    reconnector.shutdownNow();
    closeQuietly(session, true);
    voice.close();
    loop.shutdown();
  }
}

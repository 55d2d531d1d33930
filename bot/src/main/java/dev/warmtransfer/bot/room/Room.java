package dev.warmtransfer.bot.room;

import dev.warmtransfer.bot.audio.AudioPacer;
import dev.warmtransfer.bot.rtc.Recovery;
import dev.warmtransfer.bot.rtc.RtcSession;
import dev.warmtransfer.bot.rtc.SessionOptions;
import dev.warmtransfer.bot.signal.SignalException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
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
 */
public final class Room implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Room.class);
  private final String url;
  private volatile String token;
  private final RoomOptions options;
  private final RoomListener listener;
  private final AudioPacer voice = new AudioPacer();
  private final Map<String, String> identityBySid = new ConcurrentHashMap<>();
  private final Map<String, String> identityByTrack = new ConcurrentHashMap<>();
  private final Map<String, RemoteParticipant> byIdentity = new ConcurrentHashMap<>();
  private volatile String localAudioTrackSid;
  private final ScheduledExecutorService reconnector;
  private volatile RtcSession session;
  private volatile boolean closed;
  private final AtomicBoolean reconnecting = new AtomicBoolean();
  private volatile String localIdentity;
  private volatile String roomName;

  private Room(String url, String token, RoomOptions options, RoomListener listener) {
    this.url = Objects.requireNonNull(url, "url");
    this.token = Objects.requireNonNull(token, "token");
    this.options = Objects.requireNonNull(options, "options");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "room-reconnect");
      t.setDaemon(true);
      return t;
    });
  }

  /** Joins, or throws {@link SignalException} (refused, unreachable, timed out) within the connect timeout. */
  public static Room connect(String url, String token, RoomOptions options, RoomListener listener) {
    Room room = new Room(url, token, options, listener);
    try {
      room.session = RtcSession.connect(url, token, room.sessionOptions(), room.voice, room.sessionListener());
    } catch (RuntimeException e) {
      room.voice.close();
      room.reconnector.shutdownNow();
      throw e;
    }
    return room;
  }

  private SessionOptions sessionOptions() {
    return new SessionOptions(options.connectTimeout(), options.publishAudio() ? options.trackName() : null,
        options.autoSubscribe());
  }

  /** Queues speech (mono 16-bit PCM at any rate); completes when it has been played into the room. */
  public CompletableFuture<Void> play(short[] samples, int sampleRate) {
    return voice.enqueue(samples, sampleRate);
  }

  /**
   * A sink for speech synthesized in chunks (OpenAI's streamed PCM, espeak-ng): the first words
   * play while later ones are still being made; {@code played()} completes at the end.
   */
  public AudioPacer.Stream speak() {
    return voice.stream();
  }

  public AudioPacer voice() {
    return voice;
  }

  /**
   * Sends reliable data to everyone ({@code to} empty) or to the given identities. False when not
   * connected right now (the caller decides whether to retry after {@code onReconnected}).
   */
  public boolean sendData(String topic, byte[] payload, String... to) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    RtcSession s = session;
    return s != null && s.sendData(topic, payload, List.of(to));
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
    return Optional.ofNullable(byIdentity.get(identity));
  }

  /** Every remote participant present now. */
  public List<RemoteParticipant> remoteParticipants() {
    return List.copyOf(byIdentity.values());
  }

  /** The SID of our published microphone track; null until LiveKit has accepted it (again after a rejoin). */
  public String localAudioTrackSid() {
    return localAudioTrackSid;
  }

  /** RTP packets received and lost for everything this participant hears (WebRTC's statistics). */
  public RtcSession.InboundStats inboundAudioStats() {
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
    return Set.copyOf(identityBySid.values());
  }

  public String identity() {
    return localIdentity;
  }

  public String name() {
    return roomName;
  }

  private RtcSession.Listener sessionListener() {
    return new RtcSession.Listener() {
      @Override
      public void onJoined(LivekitRtc.JoinResponse join) {
        localIdentity = join.getParticipant().getIdentity();
        roomName = join.getRoom().getName();
      }

      @Override
      public void onParticipants(List<LivekitModels.ParticipantInfo> participants) {
        for (LivekitModels.ParticipantInfo p : participants) {
          if (p.getIdentity().equals(localIdentity)) {
            continue;
          }
          if (p.getState() == LivekitModels.ParticipantInfo.State.DISCONNECTED) {
            if (identityBySid.remove(p.getSid()) != null) {
              byIdentity.computeIfPresent(p.getIdentity(), (k, v) -> v.sid().equals(p.getSid()) ? null : v);
              identityByTrack.entrySet().removeIf(e -> {
                boolean theirs = e.getValue().equals(p.getIdentity());
                if (theirs) {
                  listener.onTrackUnsubscribed(p.getIdentity(), e.getKey());
                }
                return theirs;
              });
              listener.onParticipantLeft(p.getIdentity());
            }
          } else {
            byIdentity.put(p.getIdentity(), RemoteParticipant.of(p));
            if (identityBySid.put(p.getSid(), p.getIdentity()) == null) {
              listener.onParticipantJoined(p.getIdentity());
            }
            Set<String> now = new HashSet<>();
            p.getTracksList().forEach(t -> {
              now.add(t.getSid());
              identityByTrack.put(t.getSid(), p.getIdentity());
            });
            identityByTrack.entrySet().removeIf(e -> {
              boolean gone = e.getValue().equals(p.getIdentity()) && !now.contains(e.getKey());
              if (gone) {
                listener.onTrackUnsubscribed(p.getIdentity(), e.getKey());
              }
              return gone;
            });
          }
        }
      }

      @Override
      public void onTrackSubscribed(String trackSid) {
        listener.onTrackSubscribed(identityByTrack.getOrDefault(trackSid, ""), trackSid);
      }

      @Override
      public void onTrackPublished(String trackSid) {
        localAudioTrackSid = trackSid;
      }

      @Override
      public void onLocalTrackSubscribed(String trackSid) {
        listener.onLocalTrackSubscribed(trackSid);
      }

      @Override
      public void onAudio(String trackSid, short[] samples48k) {
        listener.onAudio(identityByTrack.getOrDefault(trackSid, ""), trackSid, samples48k);
      }

      @Override
      public void onSpeakers(List<LivekitModels.SpeakerInfo> speakers) {
        for (LivekitModels.SpeakerInfo s : speakers) {
          String identity = identityBySid.get(s.getSid());
          if (identity != null) {
            listener.onSpeaking(identity, s.getActive(), s.getLevel());
          }
        }
      }

      @Override
      public void onData(LivekitModels.DataPacket packet) {
        listener.onDataPacket(packet);
        if (packet.hasUser()) {
          String from = packet.getParticipantIdentity().isEmpty()
              ? packet.getUser().getParticipantIdentity() : packet.getParticipantIdentity();
          listener.onData(from, packet.getUser().getTopic(), packet.getUser().getPayload().toByteArray());
        }
      }

      @Override
      public void onTokenRefreshed(String fresh) {
        token = fresh;
      }

      @Override
      public void onDisconnected(SignalException reason, Recovery recovery) {
        if (closed) {
          return;
        }
        if (recovery == Recovery.NONE) {
          // Off the session thread: closing the session waits for that thread.
          reconnector.execute(() -> end(reason));
          return;
        }
        if (reconnecting.compareAndSet(false, true)) {
          listener.onReconnecting(reason);
          reconnector.execute(() -> {
            try {
              if (!(recovery == Recovery.RESUME && resume())) {
                reconnect(reason);
              }
            } finally {
              reconnecting.set(false);
            }
          });
        }
      }
    };
  }

  /** LiveKit ended our part in the room: no rejoin, the room is closed and says why. */
  private void end(SignalException reason) {
    if (closed) {
      return;
    }
    LOG.info("event=room_ended room={} reason=\"{}\"", roomName, reason.getMessage());
    closed = true;
    session.close(false);
    voice.close();
    reconnector.shutdown();
    listener.onDisconnected(reason);
  }

  /** One attempt to resume the current session; false when a full rejoin is needed. */
  private boolean resume() {
    RtcSession s = session;
    try {
      LOG.info("event=room_resuming room={}", roomName);
      s.resume(url, token, options.connectTimeout());
      LOG.info("event=room_resumed room={} participant_sid={}", roomName, s.participantSid());
      listener.onReconnected();
      return true;
    } catch (RuntimeException e) {
      LOG.info("event=room_resume_failed room={} reason=\"{}\"", roomName, e.getMessage());
      return false;
    }
  }

  /** Full rejoin with exponential backoff: a new session, the same voice queue. */
  private void reconnect(Exception cause) {
    RtcSession old = session;
    if (old != null) {
      old.close(false);
    }
    long backoff = options.reconnectBackoff().toMillis();
    Exception last = cause;
    for (int attempt = 1; attempt <= options.reconnectAttempts() && !closed; attempt++) {
      try {
        Thread.sleep(backoff);
        LOG.info("event=room_reconnecting room={} attempt={}", roomName, attempt);
        identityBySid.clear();
        identityByTrack.clear();
        byIdentity.clear();
        localAudioTrackSid = null;
        session = RtcSession.connect(url, token, sessionOptions(), voice, sessionListener());
        LOG.info("event=room_reconnected room={} attempt={}", roomName, attempt);
        listener.onReconnected();
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
    LOG.warn("event=room_lost room={} reason=\"{}\"", roomName, last == null ? "" : last.getMessage());
    closed = true;
    voice.close();
    listener.onDisconnected(last);
  }

  @Override
  public void close() {
    closed = true;
    reconnector.shutdownNow();
    RtcSession s = session;
    if (s != null) {
      s.close(true);
    }
    voice.close();
  }
}

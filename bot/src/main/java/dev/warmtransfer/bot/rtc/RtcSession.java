package dev.warmtransfer.bot.rtc;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.warmtransfer.bot.audio.AudioPacer;
import dev.warmtransfer.bot.signal.SignalClient;
import dev.warmtransfer.bot.signal.SignalException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import livekit.LivekitModels;
import livekit.LivekitRtc;
import livekit.LivekitRtc.SignalResponse;
import livekit.LivekitRtc.SignalTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebRTC session with LiveKit: the signal client, the two PeerConnections ({@link Negotiator})
 * and the data channels ({@link DataChannels}). Replaced, not repaired, at every reconnection.
 * It has its own {@link EventLoop}: signalling messages and WebRTC callbacks only enqueue onto
 * it, and every PeerConnection call happens on it.
 */
public final class RtcSession implements AutoCloseable {
  /**
   * What the room above needs to know. Called on the session loop, so an implementation must only
   * enqueue onto its own loop (it may call back into the session: such calls never wait on
   * themselves); {@link #onAudio} is called on a WebRTC audio thread.
   */
  public interface Listener {
    default void onJoined(LivekitRtc.JoinResponse join) {}

    default void onParticipants(List<LivekitModels.ParticipantInfo> participants) {}

    /** Our subscriber connection is (again) up: what we subscribe to can reach us now. */
    default void onMediaConnected() {}

    /** A remote track reached us: WebRTC's onTrack on the subscriber connection. */
    default void onTrackSubscribed(String trackSid) {}

    /** LiveKit's {@code track_subscribed}: another participant subscribed to one of our tracks. */
    default void onLocalTrackSubscribed(String trackSid) {}

    default void onTrackPublished(String trackSid) {}

    /** Remote audio, 48 kHz mono, on a WebRTC audio thread: copy done, must not block. */
    default void onAudio(String trackSid, short[] samples48k) {}

    default void onData(LivekitModels.DataPacket packet) {}

    default void onSpeakers(List<LivekitModels.SpeakerInfo> speakers) {}

    /** LiveKit's fresh token for this participant; reconnections should use it. */
    default void onTokenRefreshed(String token) {}

    default void onDisconnected(SignalException reason, Recovery recovery) {}
  }

  public static final String MIC_TRACK_ID = Negotiator.MIC_TRACK_ID;
  private static final Logger LOG = LoggerFactory.getLogger(RtcSession.class);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15); // for an outside caller; SDP steps take up to 10 s each

  private final EventLoop loop;
  private final Listener listener;
  private final AudioPacer pacer;
  private final SessionOptions options;
  private SignalClient signal;
  private LivekitRtc.JoinResponse join;
  private Negotiator rtc;
  private DataChannels data;
  private volatile boolean closed;
  private final AtomicBoolean lost = new AtomicBoolean();
  // Messages LiveKit sends right after the join can beat start() onto the loop.
  private final List<SignalResponse> early = new ArrayList<>();
  // Which signal connection is current: a resume makes a new one, and the old one's late news is stale.
  private int signalGeneration;
  private final AtomicInteger nextGeneration = new AtomicInteger();
  private final List<SignalResponse> earlyResumed = new ArrayList<>();
  private final SubscribedTracks subscribedTracks = new SubscribedTracks();

  private RtcSession(Listener listener, AudioPacer pacer, SessionOptions options) {
    this.listener = listener;
    this.pacer = pacer;
    this.options = options;
    this.loop = new EventLoop("rtc-session-" + SEQUENCE.incrementAndGet(), e -> disconnected(
        new SignalException(SignalException.Kind.PROTOCOL, e.getMessage(), e), Recovery.REJOIN));
  }

  /**
   * Joins and sets up both PeerConnections; publishes the microphone track fed by {@code pacer}
   * unless the options say to publish no audio. On failure nothing is left behind: the
   * participant has left LiveKit and the loop has stopped.
   */
  public static RtcSession connect(String url, String token, SessionOptions options, AudioPacer pacer,
      Listener listener) {
    RtcSession s = new RtcSession(listener, pacer, options);
    SignalClient.Connected c;
    try {
      c = SignalClient.connect(url, token, options.timeout(), options.autoSubscribe(), s.signalListener(0));
    } catch (RuntimeException e) {
      s.loop.shutdown();
      throw e;
    }
    try {
      s.loop.call(() -> {
        s.start(c);
        return null;
      }, CALL_TIMEOUT);
    } catch (RuntimeException e) {
      LOG.warn("event=session_start_failed error=\"{}\"", e.toString());
      c.client().leave();
      s.close(true);
      throw e;
    }
    return s;
  }

  private SignalClient.Listener signalListener(int generation) {
    return new SignalClient.Listener() {
      @Override
      public void onMessage(SignalResponse message) {
        loop.post(() -> {
          if (generation == signalGeneration) {
            handle(message);
          } else if (generation > signalGeneration) {
            earlyResumed.add(message); // the resumed connection speaks before resume() has switched to it
          }
        });
      }

      @Override
      public void onClosed(SignalException reason) {
        loop.post(() -> {
          if (generation == signalGeneration) {
            disconnected(reason, Recovery.RESUME);
          }
        });
      }
    };
  }

  /**
   * Resumes after the signalling connection dropped while the PeerConnections may still carry
   * media: a new WebSocket to the same participant, then an ICE restart of the publisher (LiveKit
   * restarts the subscriber's itself). Blocks until both PeerConnections are connected again, so
   * it must not be called on the session loop. Throws {@link SignalException} or
   * {@link RtcException} when LiveKit no longer holds the session or the transports do not come
   * back; the caller then joins afresh.
   */
  public void resume(String url, String token, Duration timeout) {
    if (closed || join == null) {
      throw new RtcException("nothing to resume", false, null);
    }
    if (loop.inLoop()) {
      throw new IllegalStateException("resume() waits for the session loop: call it from elsewhere");
    }
    int generation = nextGeneration.incrementAndGet();
    SignalClient fresh = SignalClient.resume(url, token, join, timeout, options.autoSubscribe(), signalListener(generation));
    CompletableFuture<Void> answered = loop.call(() -> {
      signal = fresh;
      signalGeneration = generation;
      rtc.sendVia(signal::send);
      lost.set(false);
      earlyResumed.forEach(this::handle);
      earlyResumed.clear();
      return rtc.restartIce();
    }, CALL_TIMEOUT);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      answered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      while (!rtc.bothConnected()) {
        if (System.nanoTime() > deadline || lost.get()) {
          throw new RtcException("transports not connected after resume: " + rtc.states(), true, null);
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RtcException("interrupted while resuming", false, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new RtcException("no answer to the publisher's ICE restart", true, e);
    }
    LOG.info("event=session_resumed room={} identity={} participant_sid={}", join.getRoom().getName(),
        join.getParticipant().getIdentity(), join.getParticipant().getSid());
  }

  /** This participant's server-side id; the same after a resume, new after a full rejoin. */
  public String participantSid() {
    LivekitRtc.JoinResponse j = join;
    return j == null ? "" : j.getParticipant().getSid();
  }

  /** Drops the signalling connection as a network failure would; for drills and tests. */
  public void simulateSignalLoss() {
    loop.call(() -> {
      signal.drop();
      return null;
    }, CALL_TIMEOUT);
  }

  private void start(SignalClient.Connected c) {
    signal = c.client();
    join = c.join();
    rtc = new Negotiator(join, signal::send, this::observer);
    data = new DataChannels(rtc.publisher().pc(), packet -> loop.post(() -> listener.onData(packet)));
    listener.onJoined(join);
    List<LivekitModels.ParticipantInfo> everyone = new ArrayList<>(join.getOtherParticipantsList());
    everyone.add(join.getParticipant());
    listener.onParticipants(everyone);
    if (options.voiceFor() != null) {
      rtc.voiceFor(options.voiceFor()); // before the track exists, so nobody else subscribes first
    }
    if (options.publishesAudio()) {
      rtc.requestMicrophone(options.trackName());
    } else {
      rtc.offer(false); // listening only: the publisher connection still carries our data channel
    }
    LOG.info("event=session_joined room={} identity={} participant_sid={} server_version={}",
        join.getRoom().getName(), join.getParticipant().getIdentity(), join.getParticipant().getSid(),
        join.getServerVersion());
    early.forEach(this::handle);
    early.clear();
  }

  private void handle(SignalResponse msg) {
    if (closed) {
      return;
    }
    if (rtc == null) {
      early.add(msg);
      return;
    }
    switch (msg.getMessageCase()) {
      case OFFER -> rtc.answer(subscribedTracks.offered(msg.getOffer()));
      case ANSWER -> rtc.answered(msg.getAnswer());
      case TRICKLE -> rtc.remoteCandidate(msg.getTrickle());
      case TRACK_PUBLISHED -> {
        if (msg.getTrackPublished().getCid().equals(MIC_TRACK_ID)) {
          rtc.micPublished(msg.getTrackPublished().getTrack().getSid());
          listener.onTrackPublished(msg.getTrackPublished().getTrack().getSid());
        }
      }
      case UPDATE -> listener.onParticipants(msg.getUpdate().getParticipantsList());
      case LEAVE -> {
        LivekitRtc.LeaveRequest leave = msg.getLeave();
        Recovery recovery = switch (leave.getAction()) {
          case RESUME -> Recovery.RESUME;
          case RECONNECT -> Recovery.REJOIN;
          default -> leave.getCanReconnect() ? Recovery.REJOIN : Recovery.NONE;
        };
        disconnected(new SignalException(SignalException.Kind.CLOSED, "LiveKit asked us to leave: " + leave.getReason(), null),
            recovery);
      }
      case TRACK_SUBSCRIBED -> listener.onLocalTrackSubscribed(msg.getTrackSubscribed().getTrackSid());
      case SPEAKERS_CHANGED -> listener.onSpeakers(msg.getSpeakersChanged().getSpeakersList());
      case REFRESH_TOKEN -> listener.onTokenRefreshed(msg.getRefreshToken());
      default -> LOG.debug("event=signal_ignored case={}", msg.getMessageCase());
    }
  }

  /** WebRTC's callbacks for one connection: each only enqueues onto the loop (audio excepted). */
  private PeerConnectionObserver observer(SignalTarget target) {
    return new PeerObserver(target, loop::post, c -> rtc.localCandidate(target, c), this::connectionChanged,
        channel -> data.receiveOn(channel), listener::onAudio, listener::onTrackSubscribed, subscribedTracks);
  }

  /**
   * Sends a reliable data packet to everyone in the room, or to the given identities. Returns
   * false when the channel is not open (not yet connected, or the session is being replaced).
   */
  public boolean sendData(String topic, byte[] payload, List<String> destinationIdentities) {
    return sendPacket(DataChannels.userPacket(topic, payload, destinationIdentities));
  }

  /** Sends {@code packet} as given on the reliable channel; false when the channel is not open. */
  public boolean sendPacket(LivekitModels.DataPacket packet) {
    if (closed || loop.isShutdown()) {
      return false;
    }
    try {
      return loop.call(() -> !closed && data != null && data.send(packet), CALL_TIMEOUT);
    } catch (RtcException e) {
      if (loop.isShutdown() && !Thread.currentThread().isInterrupted()) {
        return false; // closed while we asked: not connected, as for any closed session
      }
      throw e;
    }
  }

  /** Who may subscribe to our tracks from now on: these identities only, or everyone ({@code null}). */
  public void voiceFor(List<String> identities) {
    loop.post(() -> {
      if (!closed && rtc != null) {
        rtc.voiceFor(identities);
      }
    });
  }

  /** What we hear, per received track (by track SID). */
  public java.util.Map<String, InboundStats> inboundAudioStats() {
    return StatsReader.readByTrack(loop::post, () -> rtc.subscriber().pc());
  }

  private void connectionChanged(SignalTarget target, RTCPeerConnectionState state) {
    LOG.info("event=pc_state target={} state={}", target, state);
    rtc.stateChanged(target, state);
    if (target == SignalTarget.PUBLISHER && state == RTCPeerConnectionState.CONNECTED && rtc.micSource() != null) {
      // Pushing before the transport is up races webrtc-java's sink list (fixed upstream only later).
      pacer.onQuiet(quiet -> loop.post(() -> rtc.muteMic(quiet)));
      pacer.attach(rtc.micSource());
    }
    if (target == SignalTarget.SUBSCRIBER && state == RTCPeerConnectionState.CONNECTED) {
      listener.onMediaConnected();
    }
    if (state == RTCPeerConnectionState.FAILED) {
      disconnected(new SignalException(SignalException.Kind.UNREACHABLE, target + " ICE failed", null), Recovery.REJOIN);
    }
  }

  private void disconnected(SignalException reason, Recovery recovery) {
    // Once per session (until a resume): a lost session is replaced, never reported twice.
    if (closed || !lost.compareAndSet(false, true)) {
      return;
    }
    LOG.warn("event=session_lost reason=\"{}\" recovery={}", reason.getMessage(), recovery);
    if (recovery != Recovery.RESUME) {
      // Keep speech queued for the next session rather than pushing it into a dead connection.
      pacer.attach(null);
    }
    listener.onDisconnected(reason, recovery);
  }

  /**
   * Leaves the room (when {@code leave}) and releases this session's WebRTC objects. Never
   * throws: a session that cannot be torn down cleanly is still abandoned (and logged).
   */
  public void close(boolean leave) {
    if (closed) {
      return;
    }
    try {
      loop.call(() -> {
        teardown(leave);
        return null;
      }, CALL_TIMEOUT);
    } catch (RuntimeException e) {
      LOG.warn("event=session_close_failed error=\"{}\"", e.toString());
      closed = true;
      pacer.attach(null);
      subscribedTracks.release();
      SignalClient s = signal;
      if (s != null) {
        s.close();
      }
    } finally {
      loop.shutdown();
    }
  }

  private void teardown(boolean leave) {
    closed = true;
    pacer.attach(null);
    if (signal != null) {
      if (leave) {
        signal.leave();
      } else {
        signal.close();
      }
    }
    subscribedTracks.release();
    if (data != null) {
      data.close();
    }
    if (rtc != null) {
      rtc.close();
    }
  }

  @Override
  public void close() {
    close(true);
  }
}

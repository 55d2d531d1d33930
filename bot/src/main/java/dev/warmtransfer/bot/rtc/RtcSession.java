package dev.warmtransfer.bot.rtc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.warmtransfer.bot.audio.AudioPacer;
import dev.warmtransfer.bot.signal.SignalClient;
import dev.warmtransfer.bot.signal.SignalException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import livekit.LivekitModels;
import livekit.LivekitRtc;
import livekit.LivekitRtc.SignalRequest;
import livekit.LivekitRtc.SignalResponse;
import livekit.LivekitRtc.SignalTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebRTC session with LiveKit: the signal client and the publisher and subscriber
 * PeerConnections. Replaced, not repaired, at every reconnection. Every PeerConnection call
 * happens on this session's one thread; WebRTC's callbacks only enqueue onto it.
 */
public final class RtcSession implements AutoCloseable {
  /** What the room above needs to know. Called on the session thread, except {@link #onAudio}. */
  public interface Listener {
    default void onJoined(LivekitRtc.JoinResponse join) {}

    default void onParticipants(List<LivekitModels.ParticipantInfo> participants) {}

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

  public static final String MIC_TRACK_ID = "warm-transfer-mic";
  static final String RELIABLE = "_reliable";
  private static final Logger LOG = LoggerFactory.getLogger(RtcSession.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final ExecutorService exec;
  private final Listener listener;
  private final AudioPacer pacer;
  private final SessionOptions options;
  private boolean publisherNegotiated;
  private SignalClient signal;
  private PeerTransport publisher;
  private PeerTransport subscriber;
  private RTCDataChannel reliable;
  private final List<RTCDataChannel> incoming = new ArrayList<>();
  private CustomAudioSource micSource;
  private AudioTrack micTrack;
  private volatile boolean closed;
  private final AtomicBoolean lost = new AtomicBoolean();
  // Messages LiveKit sends right after the join can beat start() onto the session thread.
  private final List<SignalResponse> early = new ArrayList<>();
  private int offerId;
  private LivekitRtc.JoinResponse join;
  // Which signal connection is current: a resume makes a new one, and the old one's late news is stale.
  private int signalGeneration;
  private final AtomicInteger nextGeneration = new AtomicInteger();
  private final List<SignalResponse> earlyResumed = new ArrayList<>();
  private volatile RTCPeerConnectionState publisherState = RTCPeerConnectionState.NEW;
  private volatile RTCPeerConnectionState subscriberState = RTCPeerConnectionState.NEW;
  private CompletableFuture<Void> restartAnswered;

  private RtcSession(Listener listener, AudioPacer pacer, SessionOptions options) {
    this.listener = listener;
    this.pacer = pacer;
    this.options = options;
    int n = SEQUENCE.incrementAndGet();
    this.exec = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "rtc-session-" + n);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Joins and sets up both PeerConnections; publishes the microphone track fed by {@code pacer}
   * unless the options say to publish no audio.
   */
  public static RtcSession connect(String url, String token, SessionOptions options, AudioPacer pacer,
      Listener listener) {
    RtcSession s = new RtcSession(listener, pacer, options);
    SignalClient.Connected c = SignalClient.connect(url, token, options.timeout(), options.autoSubscribe(),
        s.signalListener(0));
    s.call(() -> s.start(c));
    return s;
  }

  private SignalClient.Listener signalListener(int generation) {
    return new SignalClient.Listener() {
      @Override
      public void onMessage(SignalResponse message) {
        run(() -> {
          if (generation == signalGeneration) {
            handle(message);
          } else if (generation > signalGeneration) {
            earlyResumed.add(message); // the resumed connection speaks before resume() has switched to it
          }
        });
      }

      @Override
      public void onClosed(SignalException reason) {
        run(() -> {
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
   * restarts the subscriber's itself). Blocks until both PeerConnections are connected again.
   * Throws {@link SignalException} or {@link RtcException} when LiveKit no longer holds the
   * session or the transports do not come back; the caller then joins afresh.
   */
  public void resume(String url, String token, Duration timeout) {
    if (closed || join == null) {
      throw new RtcException("nothing to resume", false, null);
    }
    int generation = nextGeneration.incrementAndGet();
    SignalClient fresh = SignalClient.resume(url, token, join, timeout, options.autoSubscribe(), signalListener(generation));
    CompletableFuture<Void> answered = new CompletableFuture<>();
    call(() -> {
      signal = fresh;
      signalGeneration = generation;
      lost.set(false);
      earlyResumed.forEach(this::handle);
      earlyResumed.clear();
      if (publisherNegotiated) {
        restartAnswered = answered;
        sendPublisherOffer(true);
      } else {
        answered.complete(null);
      }
    });
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      answered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      while (publisherState != RTCPeerConnectionState.CONNECTED || subscriberState != RTCPeerConnectionState.CONNECTED) {
        if (System.nanoTime() > deadline || lost.get()) {
          throw new RtcException("transports not connected after resume: publisher=" + publisherState
              + " subscriber=" + subscriberState, true, null);
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
    return join == null ? "" : join.getParticipant().getSid();
  }

  /** Drops the signalling connection as a network failure would; for drills and tests. */
  public void simulateSignalLoss() {
    call(() -> signal.drop());
  }

  private void start(SignalClient.Connected c) {
    signal = c.client();
    join = c.join();
    RTCConfiguration config = new RTCConfiguration();
    config.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
    config.iceServers = new ArrayList<>();
    for (LivekitRtc.ICEServer s : join.getIceServersList()) {
      RTCIceServer ice = new RTCIceServer();
      ice.urls = new ArrayList<>(s.getUrlsList());
      ice.username = s.getUsername();
      ice.password = s.getCredential();
      config.iceServers.add(ice);
    }
    MediaFactories factories = MediaFactories.get();
    subscriber = new PeerTransport(
        factories.subscriber().createPeerConnection(config, observer(SignalTarget.SUBSCRIBER)), SignalTarget.SUBSCRIBER);
    publisher = new PeerTransport(
        factories.publisher().createPeerConnection(config, observer(SignalTarget.PUBLISHER)), SignalTarget.PUBLISHER);
    // LiveKit's reliable channel: created before the publisher's first offer so one negotiation covers it.
    RTCDataChannelInit ordered = new RTCDataChannelInit();
    ordered.ordered = true;
    reliable = publisher.pc().createDataChannel(RELIABLE, ordered);
    listener.onJoined(join);
    List<LivekitModels.ParticipantInfo> everyone = new ArrayList<>(join.getOtherParticipantsList());
    everyone.add(join.getParticipant());
    listener.onParticipants(everyone);

    if (options.publishesAudio()) {
      micSource = new CustomAudioSource();
      micTrack = factories.publisher().createAudioTrack(MIC_TRACK_ID, micSource);
      signal.send(SignalRequest.newBuilder().setAddTrack(LivekitRtc.AddTrackRequest.newBuilder()
          .setCid(MIC_TRACK_ID)
          .setName(options.trackName())
          .setType(LivekitModels.TrackType.AUDIO)
          .setSource(LivekitModels.TrackSource.MICROPHONE)).build());
    } else {
      // Listening only: the publisher connection still carries our data channel.
      sendPublisherOffer(false);
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
    if (subscriber == null) {
      early.add(msg);
      return;
    }
    switch (msg.getMessageCase()) {
      case OFFER -> {
        // LiveKit re-offers the subscriber PC whenever subscriptions change; one at a time, in order.
        LivekitRtc.SessionDescription offer = msg.getOffer();
        subscriber.setRemote(new RTCSessionDescription(RTCSdpType.OFFER, offer.getSdp()));
        RTCSessionDescription answer = subscriber.createAnswer();
        signal.send(SignalRequest.newBuilder().setAnswer(LivekitRtc.SessionDescription.newBuilder()
            .setType("answer").setSdp(answer.sdp).setId(offer.getId())).build());
      }
      case ANSWER -> {
        publisher.setRemote(new RTCSessionDescription(RTCSdpType.ANSWER, msg.getAnswer().getSdp()));
        if (restartAnswered != null) {
          restartAnswered.complete(null);
          restartAnswered = null;
        }
      }
      case TRICKLE -> {
        RTCIceCandidate c = candidate(msg.getTrickle().getCandidateInit());
        if (c != null) {
          (msg.getTrickle().getTarget() == SignalTarget.PUBLISHER ? publisher : subscriber).addRemoteCandidate(c);
        }
      }
      case TRACK_PUBLISHED -> {
        if (msg.getTrackPublished().getCid().equals(MIC_TRACK_ID)) {
          negotiatePublisher();
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

  private void negotiatePublisher() {
    RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
    init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
    init.streamIds = List.of(MIC_TRACK_ID);
    publisher.pc().addTransceiver(micTrack, init);
    sendPublisherOffer(false);
  }

  private void sendPublisherOffer(boolean iceRestart) {
    publisherNegotiated = true;
    RTCSessionDescription offer = publisher.createOffer(iceRestart);
    signal.send(SignalRequest.newBuilder().setOffer(LivekitRtc.SessionDescription.newBuilder()
        .setType("offer").setSdp(offer.sdp).setId(++offerId)).build());
  }

  private PeerConnectionObserver observer(SignalTarget target) {
    return new PeerConnectionObserver() {
      @Override
      public void onIceCandidate(RTCIceCandidate c) {
        String init = "{\"candidate\":" + quote(c.sdp) + ",\"sdpMid\":" + quote(c.sdpMid) + ",\"sdpMLineIndex\":"
            + c.sdpMLineIndex + "}";
        run(() -> signal.send(SignalRequest.newBuilder().setTrickle(LivekitRtc.TrickleRequest.newBuilder()
            .setCandidateInit(init).setTarget(target)).build()));
      }

      @Override
      public void onConnectionChange(RTCPeerConnectionState state) {
        run(() -> connectionChanged(target, state));
      }

      @Override
      public void onDataChannel(RTCDataChannel channel) {
        // LiveKit sends us data on channels it opens on the subscriber connection.
        run(() -> receiveOn(channel));
      }

      @Override
      public void onTrack(RTCRtpTransceiver transceiver) {
        MediaStreamTrack track = transceiver.getReceiver().getTrack();
        if (track instanceof AudioTrack audio) {
          String trackSid = audio.getId();
          audio.addSink((data, bits, rate, channels, frames) -> listener.onAudio(trackSid, mono48k(data, bits, rate, channels, frames)));
          run(() -> listener.onTrackSubscribed(trackSid));
        }
      }
    };
  }

  private void receiveOn(RTCDataChannel channel) {
    incoming.add(channel);
    channel.registerObserver(new RTCDataChannelObserver() {
      @Override
      public void onBufferedAmountChange(long previousAmount) {}

      @Override
      public void onStateChange() {}

      @Override
      public void onMessage(RTCDataChannelBuffer buffer) {
        byte[] bytes = new byte[buffer.data.remaining()];
        buffer.data.get(bytes);
        try {
          LivekitModels.DataPacket packet = LivekitModels.DataPacket.parseFrom(bytes);
          run(() -> listener.onData(packet));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
          LOG.warn("event=data_undecodable bytes={}", bytes.length);
        }
      }
    });
  }

  /**
   * Sends a reliable data packet to everyone in the room, or to the given identities. Returns
   * false when the channel is not open (not yet connected, or the session is being replaced).
   */
  public boolean sendData(String topic, byte[] payload, List<String> destinationIdentities) {
    return sendPacket(LivekitModels.DataPacket.newBuilder()
        .setKind(LivekitModels.DataPacket.Kind.RELIABLE)
        .addAllDestinationIdentities(destinationIdentities)
        .setUser(LivekitModels.UserPacket.newBuilder()
            .setTopic(topic)
            .setPayload(com.google.protobuf.ByteString.copyFrom(payload))
            .addAllDestinationIdentities(destinationIdentities))
        .build());
  }

  /** Sends {@code packet} as given on the reliable channel; false when the channel is not open. */
  public boolean sendPacket(LivekitModels.DataPacket packet) {
    if (closed) {
      return false;
    }
    boolean[] sent = {false};
    call(() -> {
      if (reliable != null && reliable.getState() == RTCDataChannelState.OPEN) {
        try {
          reliable.send(new RTCDataChannelBuffer(java.nio.ByteBuffer.wrap(packet.toByteArray()), true));
          sent[0] = true;
        } catch (Exception e) {
          LOG.warn("event=data_send_failed error=\"{}\"", e.getMessage());
        }
      }
    });
    return sent[0];
  }

  /** RTP packets received and lost on the subscriber connection, from WebRTC's own statistics. */
  public record InboundStats(long packetsReceived, long packetsLost) {}

  public InboundStats inboundAudioStats() {
    CompletableFuture<RTCStatsReport> report = new CompletableFuture<>();
    call(() -> subscriber.pc().getStats(report::complete));
    long received = 0;
    long lost = 0;
    try {
      for (RTCStats st : report.get(5, TimeUnit.SECONDS).getStats().values()) {
        if (st.getType() == RTCStatsType.INBOUND_RTP) {
          received += number(st.getAttributes().get("packetsReceived"));
          lost += number(st.getAttributes().get("packetsLost"));
        }
      }
    } catch (Exception e) {
      throw new RtcException("statistics unavailable: " + e.getMessage(), true, e);
    }
    return new InboundStats(received, lost);
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }

  private void connectionChanged(SignalTarget target, RTCPeerConnectionState state) {
    LOG.info("event=pc_state target={} state={}", target, state);
    if (target == SignalTarget.PUBLISHER) {
      publisherState = state;
    } else {
      subscriberState = state;
    }
    if (target == SignalTarget.PUBLISHER && state == RTCPeerConnectionState.CONNECTED && micSource != null) {
      // Pushing before the transport is up races webrtc-java's sink list (fixed upstream only later).
      pacer.attach(micSource);
    }
    if (state == RTCPeerConnectionState.FAILED) {
      disconnected(new SignalException(SignalException.Kind.UNREACHABLE, target + " ICE failed", null), Recovery.REJOIN);
    }
  }

  private void disconnected(SignalException reason, Recovery recovery) {
    // Once per session: a lost session is replaced, never reported twice.
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

  /** Leaves the room (when {@code leave}) and releases this session's WebRTC objects. */
  public void close(boolean leave) {
    if (closed) {
      return;
    }
    call(() -> {
      closed = true;
      pacer.attach(null);
      if (signal != null) {
        if (leave) {
          signal.leave();
        } else {
          signal.close();
        }
      }
      for (RTCDataChannel dc : incoming) {
        try {
          dc.unregisterObserver();
        } catch (Throwable ignored) {
          // channel already gone with its connection
        }
      }
      if (publisher != null) {
        publisher.close();
      }
      if (subscriber != null) {
        subscriber.close();
      }
      // webrtc-java 0.14.0 keeps closed PeerConnections' native graphs, so disposing what they
      // reference throws; the process bounds this by recycling (see docs).
      dispose(micTrack);
      if (micSource != null) {
        try {
          micSource.dispose();
        } catch (Throwable ignored) {
          // still referenced by a closed sender
        }
      }
    });
    exec.shutdown();
  }

  @Override
  public void close() {
    close(true);
  }

  private static void dispose(MediaStreamTrack t) {
    if (t != null) {
      try {
        t.dispose();
      } catch (Throwable ignored) {
        // "Native object was not deleted": the closed sender still holds it
      }
    }
  }

  static short[] mono48k(byte[] data, int bits, int rate, int channels, int frames) {
    short[] out = new short[frames];
    for (int i = 0; i < frames; i++) {
      int sum = 0;
      for (int c = 0; c < channels; c++) {
        int o = (i * channels + c) * 2;
        sum += (short) ((data[o] & 0xff) | (data[o + 1] << 8));
      }
      out[i] = (short) (sum / channels);
    }
    return rate == 48_000 ? out : dev.warmtransfer.speech.audio.Pcm.resample(out, rate, 48_000);
  }

  private static RTCIceCandidate candidate(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return new RTCIceCandidate(n.path("sdpMid").asText(), n.path("sdpMLineIndex").asInt(), n.path("candidate").asText());
    } catch (Exception e) {
      LOG.warn("event=bad_candidate");
      return null;
    }
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void run(Runnable r) {
    if (!exec.isShutdown()) {
      exec.execute(() -> {
        try {
          r.run();
        } catch (RuntimeException e) {
          LOG.warn("event=session_step_failed error=\"{}\"", e.getMessage());
          disconnected(new SignalException(SignalException.Kind.PROTOCOL, e.getMessage(), e), Recovery.REJOIN);
        }
      });
    }
  }

  private void call(Runnable r) {
    try {
      exec.submit(r).get(15, TimeUnit.SECONDS);
    } catch (RejectedExecutionException e) {
      throw new RtcException("session closed", false, e);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new RtcException("session step failed: " + cause, true, cause);
    }
  }
}

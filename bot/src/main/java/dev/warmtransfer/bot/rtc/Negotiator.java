package dev.warmtransfer.bot.rtc;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import livekit.LivekitModels;
import livekit.LivekitRtc;
import livekit.LivekitRtc.SignalRequest;
import livekit.LivekitRtc.SignalTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two PeerConnections and their SDP and ICE exchange with LiveKit: the publisher (our
 * microphone, our data channel) offers, the subscriber answers LiveKit's offers. Runs on the
 * session loop only; its signalling goes out through {@code send}.
 */
final class Negotiator {
  /** Opus settings a bench gave by property: read once, not at every renegotiation. */
  private static final java.util.Map<String, String> OPUS = OpusSdp.configured();
  static final String MIC_TRACK_ID = "warm-transfer-mic";
  private static final Logger LOG = LoggerFactory.getLogger(Negotiator.class);
  private final PeerTransport publisher;
  private final PeerTransport subscriber;
  private Consumer<SignalRequest> send;
  private CustomAudioSource micSource;
  private String micSid;
  private boolean micMuted;
  private AudioTrack micTrack;
  private boolean publisherNegotiated;
  private int offerId;
  private CompletableFuture<Void> restartAnswered;
  private volatile RTCPeerConnectionState publisherState = RTCPeerConnectionState.NEW;
  private volatile RTCPeerConnectionState subscriberState = RTCPeerConnectionState.NEW;

  /** {@code observer} makes the (enqueue-only) WebRTC observer of each connection. */
  Negotiator(LivekitRtc.JoinResponse join, Consumer<SignalRequest> send,
      Function<SignalTarget, PeerConnectionObserver> observer) {
    this.send = send;
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
    subscriber = new PeerTransport(factories.subscriber().createPeerConnection(config, observer.apply(SignalTarget.SUBSCRIBER)),
        SignalTarget.SUBSCRIBER);
    publisher = new PeerTransport(factories.publisher().createPeerConnection(config, observer.apply(SignalTarget.PUBLISHER)),
        SignalTarget.PUBLISHER);
  }

  PeerTransport publisher() {
    return publisher;
  }

  PeerTransport subscriber() {
    return subscriber;
  }

  /** A resumed session signals on a new connection. */
  void sendVia(Consumer<SignalRequest> send) {
    this.send = send;
  }

  /** Asks LiveKit to accept our microphone track; the transceiver follows its {@code track_published}. */
  void requestMicrophone(String trackName) {
    micSource = new CustomAudioSource();
    micTrack = MediaFactories.get().publisher().createAudioTrack(MIC_TRACK_ID, micSource);
    send.accept(SignalRequest.newBuilder().setAddTrack(LivekitRtc.AddTrackRequest.newBuilder()
        .setCid(MIC_TRACK_ID)
        .setName(trackName)
        .setType(LivekitModels.TrackType.AUDIO)
        .setSource(LivekitModels.TrackSource.MICROPHONE)).build());
  }

  /**
   * Who may subscribe to our tracks: these identities only, or everyone ({@code null}). LiveKit
   * subscribes the newly allowed by itself and drops the no longer allowed.
   */
  void voiceFor(List<String> identities) {
    LivekitRtc.SubscriptionPermission.Builder p = LivekitRtc.SubscriptionPermission.newBuilder()
        .setAllParticipants(identities == null);
    if (identities != null) {
      identities.forEach(id -> p.addTrackPermissions(LivekitRtc.TrackPermission.newBuilder()
          .setParticipantIdentity(id).setAllTracks(true)));
    }
    send.accept(SignalRequest.newBuilder().setSubscriptionPermission(p).build());
  }

  CustomAudioSource micSource() {
    return micSource;
  }

  /**
   * Tells LiveKit our microphone is muted (nothing is sent) or not; LiveKit then gives listeners
   * a timestamp jump for the pause. Only on a change, and only once the track is published.
   */
  void muteMic(boolean muted) {
    if (micSid == null || muted == micMuted) {
      return;
    }
    micMuted = muted;
    send.accept(SignalRequest.newBuilder().setMute(LivekitRtc.MuteTrackRequest.newBuilder()
        .setSid(micSid).setMuted(muted)).build());
  }

  void micPublished(String sid) {
    micSid = sid;
    micMuted = false;
    RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
    init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
    init.streamIds = List.of(MIC_TRACK_ID);
    publisher.pc().addTransceiver(micTrack, init);
    offer(false);
  }

  /** Offers the publisher connection (an ICE restart when resuming). */
  void offer(boolean iceRestart) {
    publisherNegotiated = true;
    RTCSessionDescription offer = publisher.createOffer(iceRestart);
    send.accept(SignalRequest.newBuilder().setOffer(LivekitRtc.SessionDescription.newBuilder()
        .setType("offer").setSdp(offer.sdp).setId(++offerId)).build());
  }

  /** After a resume: restart the publisher's ICE if it was ever negotiated; completes on LiveKit's answer. */
  CompletableFuture<Void> restartIce() {
    CompletableFuture<Void> answered = new CompletableFuture<>();
    if (publisherNegotiated) {
      restartAnswered = answered;
      offer(true);
    } else {
      answered.complete(null);
    }
    return answered;
  }

  /** LiveKit re-offers the subscriber connection whenever subscriptions change; one at a time, in order. */
  void answer(LivekitRtc.SessionDescription offer) {
    subscriber.setRemote(new RTCSessionDescription(RTCSdpType.OFFER, offer.getSdp()));
    RTCSessionDescription answer = subscriber.createAnswer();
    send.accept(SignalRequest.newBuilder().setAnswer(LivekitRtc.SessionDescription.newBuilder()
        .setType("answer").setSdp(answer.sdp).setId(offer.getId())).build());
  }

  void answered(LivekitRtc.SessionDescription answer) {
    publisher.setRemote(new RTCSessionDescription(RTCSdpType.ANSWER, OpusSdp.withParams(answer.getSdp(), OPUS)));
    if (restartAnswered != null) {
      restartAnswered.complete(null);
      restartAnswered = null;
    }
  }

  void remoteCandidate(LivekitRtc.TrickleRequest trickle) {
    var c = Candidates.fromJson(trickle.getCandidateInit());
    if (c == null) {
      LOG.warn("event=bad_candidate target={}", trickle.getTarget());
      return;
    }
    (trickle.getTarget() == SignalTarget.PUBLISHER ? publisher : subscriber).addRemoteCandidate(c);
  }

  void localCandidate(SignalTarget target, dev.onvoid.webrtc.RTCIceCandidate c) {
    send.accept(SignalRequest.newBuilder().setTrickle(LivekitRtc.TrickleRequest.newBuilder()
        .setCandidateInit(Candidates.toJson(c)).setTarget(target)).build());
  }

  void stateChanged(SignalTarget target, RTCPeerConnectionState state) {
    if (target == SignalTarget.PUBLISHER) {
      publisherState = state;
    } else {
      subscriberState = state;
    }
  }

  boolean bothConnected() {
    return publisherState == RTCPeerConnectionState.CONNECTED && subscriberState == RTCPeerConnectionState.CONNECTED;
  }

  String states() {
    return "publisher=" + publisherState + " subscriber=" + subscriberState;
  }

  void close() {
    micSid = null; // a closed session signals nothing more
    publisher.close();
    subscriber.close();
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
}

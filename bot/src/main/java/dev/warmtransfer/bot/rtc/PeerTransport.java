package dev.warmtransfer.bot.rtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import livekit.LivekitRtc.SignalTarget;

/**
 * One PeerConnection and its side of the signalling (publisher or subscriber). It holds ICE
 * candidates that arrive before the remote description. Only the session's thread calls it; the
 * blocking waits here are on that thread, never on WebRTC's.
 */
final class PeerTransport {
  private static final Duration SDP_TIMEOUT = Duration.ofSeconds(10);
  private final RTCPeerConnection pc;
  private final SignalTarget target;
  private final List<RTCIceCandidate> pending = new ArrayList<>();
  private boolean remoteSet;

  PeerTransport(RTCPeerConnection pc, SignalTarget target) {
    this.pc = pc;
    this.target = target;
  }

  RTCPeerConnection pc() {
    return pc;
  }

  SignalTarget target() {
    return target;
  }

  void addRemoteCandidate(RTCIceCandidate c) {
    if (remoteSet) {
      pc.addIceCandidate(c);
    } else {
      pending.add(c);
    }
  }

  void setRemote(RTCSessionDescription sdp) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    pc.setRemoteDescription(sdp, observer(done));
    await(done, "setRemoteDescription " + sdp.sdpType);
    remoteSet = true;
    pending.forEach(pc::addIceCandidate);
    pending.clear();
  }

  RTCSessionDescription createOffer(boolean iceRestart) {
    CompletableFuture<RTCSessionDescription> offer = new CompletableFuture<>();
    RTCOfferOptions options = new RTCOfferOptions();
    options.iceRestart = iceRestart;
    pc.createOffer(options, creator(offer));
    return setLocal(await(offer, "createOffer"));
  }

  RTCSessionDescription createAnswer() {
    CompletableFuture<RTCSessionDescription> answer = new CompletableFuture<>();
    pc.createAnswer(new RTCAnswerOptions(), creator(answer));
    return setLocal(await(answer, "createAnswer"));
  }

  void close() {
    try {
      pc.close();
    } catch (Throwable ignored) {
      // closing a PeerConnection that already failed may throw from native code
    }
  }

  private RTCSessionDescription setLocal(RTCSessionDescription sdp) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    pc.setLocalDescription(sdp, observer(done));
    await(done, "setLocalDescription " + sdp.sdpType);
    return sdp;
  }

  private static SetSessionDescriptionObserver observer(CompletableFuture<Void> done) {
    return new SetSessionDescriptionObserver() {
      @Override
      public void onSuccess() {
        done.complete(null);
      }

      @Override
      public void onFailure(String error) {
        done.completeExceptionally(new RtcException(error, true, null));
      }
    };
  }

  private static CreateSessionDescriptionObserver creator(CompletableFuture<RTCSessionDescription> done) {
    return new CreateSessionDescriptionObserver() {
      @Override
      public void onSuccess(RTCSessionDescription sdp) {
        done.complete(sdp);
      }

      @Override
      public void onFailure(String error) {
        done.completeExceptionally(new RtcException(error, true, null));
      }
    };
  }

  private <T> T await(CompletableFuture<T> f, String what) {
    try {
      return f.get(SDP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new RtcException(target + " " + what + " failed: " + cause.getMessage(), true, cause);
    }
  }
}

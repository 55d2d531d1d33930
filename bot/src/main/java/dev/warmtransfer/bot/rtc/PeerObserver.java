package dev.warmtransfer.bot.rtc;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import livekit.LivekitRtc.SignalTarget;

/**
 * WebRTC's callbacks for one PeerConnection: each only enqueues its handler onto the session loop
 * ({@code post}); remote audio alone is handed over on WebRTC's audio thread.
 */
final class PeerObserver implements PeerConnectionObserver {
  private final SignalTarget target;
  private final Consumer<Runnable> post;
  private final Consumer<RTCIceCandidate> candidate;
  private final BiConsumer<SignalTarget, RTCPeerConnectionState> state;
  private final Consumer<RTCDataChannel> channel;
  private final RemoteAudio.Sink audio;
  private final Consumer<String> trackSubscribed;
  private final SubscribedTracks tracks;
  /** Mids we listen on: WebRTC calls onTrack again when a reused transceiver receives again. */
  private final java.util.Set<String> listening = java.util.concurrent.ConcurrentHashMap.newKeySet();

  PeerObserver(SignalTarget target, Consumer<Runnable> post, Consumer<RTCIceCandidate> candidate,
      BiConsumer<SignalTarget, RTCPeerConnectionState> state, Consumer<RTCDataChannel> channel, RemoteAudio.Sink audio,
      Consumer<String> trackSubscribed, SubscribedTracks tracks) {
    this.target = target;
    this.post = post;
    this.candidate = candidate;
    this.state = state;
    this.channel = channel;
    this.audio = audio;
    this.trackSubscribed = trackSubscribed;
    this.tracks = tracks;
  }

  @Override
  public void onIceCandidate(RTCIceCandidate c) {
    post.accept(() -> candidate.accept(c));
  }

  @Override
  public void onConnectionChange(RTCPeerConnectionState s) {
    post.accept(() -> state.accept(target, s));
  }

  @Override
  public void onDataChannel(RTCDataChannel c) {
    // LiveKit sends us data on channels it opens on the subscriber connection.
    post.accept(() -> channel.accept(c));
  }

  @Override
  public void onTrack(RTCRtpTransceiver transceiver) {
    if (transceiver.getReceiver().getTrack() instanceof AudioTrack track) {
      String mid = transceiver.getMid();
      String offered = tracks.trackSid(mid);
      String trackSid = offered == null ? track.getId() : offered;
      if (mid == null) {
        tracks.listening(RemoteAudio.listen(track, () -> trackSid, audio));
      } else if (listening.add(mid)) {
        tracks.listening(RemoteAudio.listen(track, () -> tracks.trackSid(mid), audio));
      }
      post.accept(() -> trackSubscribed.accept(trackSid));
    }
  }
}

package dev.warmtransfer.bot.rtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioLayer;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

/**
 * The two process-wide PeerConnection factories webrtc-java 0.14.0 needs on a headless server:
 * publishing uses a dummy audio device (a headless one would also feed the send stream from its
 * own thread and abort the JVM), subscribing uses the headless device (it pulls remote audio
 * into our sinks; the dummy one never does). Made once: factories are costly and never freed well.
 */
public final class MediaFactories {
  private static volatile MediaFactories instance;
  private final PeerConnectionFactory publisher;
  private final PeerConnectionFactory subscriber;

  private MediaFactories() {
    this.publisher = new PeerConnectionFactory(new AudioDeviceModule(AudioLayer.kDummyAudio));
    // Playout is started by WebRTC itself when the first remote stream appears; starting it
    // here, before any stream, would leave our sinks silent.
    this.subscriber = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
  }

  public static MediaFactories get() {
    MediaFactories f = instance;
    if (f == null) {
      synchronized (MediaFactories.class) {
        f = instance;
        if (f == null) {
          f = new MediaFactories();
          instance = f;
        }
      }
    }
    return f;
  }

  public PeerConnectionFactory publisher() {
    return publisher;
  }

  public PeerConnectionFactory subscriber() {
    return subscriber;
  }
}

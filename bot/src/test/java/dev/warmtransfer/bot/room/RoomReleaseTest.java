package dev.warmtransfer.bot.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.bot.support.Tokens;
import dev.warmtransfer.testkit.LiveKitExtension;
import dev.warmtransfer.testkit.RequiresTestNetwork;
import dev.warmtransfer.testkit.TestAudio;
import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A closed room lets go of its listener, and with it of everything a job hung on it. WebRTC held
 * the remote audio sink and the data channels' observer by JNI global references, which
 * webrtc-java frees only when a sink is removed (and never for a data channel observer): every
 * job a worker ran stayed on its heap (SoakBench: 248 KB a call, the call assistant's audio
 * buffers among it).
 */
@RequiresTestNetwork
class RoomReleaseTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();

  /** Counts frames and data; it holds nothing the test needs afterwards. */
  static final class Listener implements RoomListener {
    private final AtomicInteger frames;
    private final AtomicInteger data;

    Listener(AtomicInteger frames, AtomicInteger data) {
      this.frames = frames;
      this.data = data;
    }

    @Override
    public void onAudio(String identity, String trackSid, short[] samples) {
      frames.incrementAndGet();
    }

    @Override
    public void onData(String fromIdentity, String topic, byte[] payload) {
      data.incrementAndGet();
    }
  }

  @Test
  void aClosedRoomWhoseListenerHeardAudioAndDataLetsGoOfIt() throws Exception {
    AtomicInteger frames = new AtomicInteger();
    AtomicInteger data = new AtomicInteger();
    try (Room speaker = Room.connect(LIVEKIT.server().wsUrl(), Tokens.token(LIVEKIT.server(), "speaker", "release"),
        RoomOptions.defaults(), new RoomListener() {})) {
      WeakReference<Listener> held = listenAndLeave(speaker, frames, data);
      long end = System.currentTimeMillis() + 10_000;
      while (held.get() != null && System.currentTimeMillis() < end) {
        System.gc();
        Thread.sleep(100);
      }
      assertThat(held.get()).as("the closed room's listener (heard %d frames, %d data messages) was collected",
          frames.get(), data.get()).isNull();
    }
  }

  /** Joins, hears the speaker's audio and a data message, leaves; only a weak reference remains. */
  private static WeakReference<Listener> listenAndLeave(Room speaker, AtomicInteger frames, AtomicInteger data)
      throws Exception {
    Listener listener = new Listener(frames, data);
    Room room = Room.connect(LIVEKIT.server().wsUrl(), Tokens.token(LIVEKIT.server(), "listener", "release"),
        RoomOptions.defaults(), listener);
    try {
      speaker.play(TestAudio.tone(440, 3000, 48_000, 0.3), 48_000);
      long end = System.currentTimeMillis() + 10_000;
      while ((frames.get() < 50 || data.get() == 0) && System.currentTimeMillis() < end) {
        speaker.sendData("release", new byte[] {1});
        Thread.sleep(100);
      }
      assertThat(frames.get()).as("frames heard").isGreaterThanOrEqualTo(50);
      assertThat(data.get()).as("data messages received").isPositive();
    } finally {
      room.close();
    }
    return new WeakReference<>(listener);
  }
}

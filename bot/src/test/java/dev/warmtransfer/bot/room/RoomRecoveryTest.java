package dev.warmtransfer.bot.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.bot.audio.AudioPacer;
import dev.warmtransfer.bot.rtc.RtcException;
import dev.warmtransfer.bot.rtc.RtcSession;
import dev.warmtransfer.bot.rtc.SessionOptions;
import dev.warmtransfer.bot.support.AudioRecorder;
import dev.warmtransfer.bot.support.Tokens;
import dev.warmtransfer.testkit.LiveKitExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A room never waits on itself and never stops recovering silently. */
@EnabledIfEnvironmentVariable(named = "WT_TEST_IP", matches = ".+", disabledReason = "needs the test network: scripts/testnet.sh exec ...")
class RoomRecoveryTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();
  private static final RoomOptions FAST = new RoomOptions(Duration.ofSeconds(5), 8, Duration.ofMillis(300), "voice");

  private Room join(String identity, String room, RoomListener listener) {
    return join(identity, room, listener, Sessions.REAL);
  }

  private Room join(String identity, String room, RoomListener listener, Sessions sessions) {
    return Room.connect(LIVEKIT.server().wsUrl(), Tokens.token(LIVEKIT.server(), identity, room), FAST, listener,
        sessions);
  }

  /** Sends until the reliable channel is open and the receiver's connection is up (LiveKit drops data before). */
  private static void sendUntilHeard(Room from, AudioRecorder to, String topic, String text) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      if (from.sendData(topic, text.getBytes(StandardCharsets.UTF_8))) {
        String got = to.data.poll(300, TimeUnit.MILLISECONDS);
        if (got != null) {
          return;
        }
      } else {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("data never arrived");
  }

  @Test
  void aListenerThatSendsDataFromOnDataIsServedAtOnceAndNotOnTheSessionThread() throws Exception {
    AudioRecorder pRec = new AudioRecorder();
    List<String> threads = new CopyOnWriteArrayList<>();
    BlockingQueue<Boolean> replies = new LinkedBlockingQueue<>();
    Room[] q = new Room[1];
    AudioRecorder qRec = new AudioRecorder() {
      @Override
      public void onData(String fromIdentity, String topic, byte[] payload) {
        super.onData(fromIdentity, topic, payload);
        threads.add(Thread.currentThread().getName());
        if (topic.equals("ping")) {
          // Calling back into the room from its own callback: the reply must not wait on this thread.
          replies.add(q[0].sendData("pong", payload, fromIdentity));
        }
      }
    };
    try (Room p = join("p-echo", "echo", pRec); Room qRoom = join("q-echo", "echo", qRec)) {
      q[0] = qRoom;
      sendUntilHeard(p, qRec, "warmup", "hello");
      pRec.data.clear();
      long sent = System.nanoTime();
      assertThat(p.sendData("ping", "1".getBytes(StandardCharsets.UTF_8))).isTrue();
      assertThat(replies.poll(3, TimeUnit.SECONDS)).as("q's reply was sent within 3 s").isTrue();
      assertThat(pRec.data.poll(3, TimeUnit.SECONDS)).isEqualTo("q-echo|pong|1");
      System.out.printf("ping -> pong round trip: %.1f ms%n", (System.nanoTime() - sent) / 1e6);
      assertThat(qRec.events).doesNotContain("reconnecting");
      assertThat(threads).isNotEmpty().noneMatch(t -> t.startsWith("rtc-session"));
    }
  }

  @Test
  void aCallInterruptedWhileWaitingKeepsTheThreadsInterruptFlag() throws Exception {
    try (Room p = join("p-int", "interrupt", new AudioRecorder())) {
      Thread.currentThread().interrupt();
      try {
        p.sendData("t", new byte[] {1});
      } catch (RtcException expected) {
        // interrupted: either answer is fine, losing the interrupt is not
      }
      assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
    }
  }

  @Test
  void aSessionLostAgainWhileResumingIsRecoveredToo() throws Exception {
    AtomicInteger resumes = new AtomicInteger();
    Sessions dropAfterFirstResume = new Sessions() {
      @Override
      public RtcSession connect(String url, String token, SessionOptions options, AudioPacer voice,
          RtcSession.Listener listener) {
        return RtcSession.connect(url, token, options, voice, listener);
      }

      @Override
      public void resume(RtcSession session, String url, String token, Duration timeout) {
        session.resume(url, token, timeout);
        if (resumes.incrementAndGet() == 1) {
          // Lost again, and the loss reported, before the room has finished this recovery.
          session.simulateSignalLoss();
          try {
            Thread.sleep(500);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
    AudioRecorder pRec = new AudioRecorder();
    AudioRecorder qRec = new AudioRecorder();
    try (Room p = join("p-twice", "twice", pRec, dropAfterFirstResume); Room q = join("q-twice", "twice", qRec)) {
      // Only a session whose media is up can be resumed: wait until q hears p's track.
      long deadline = System.currentTimeMillis() + 10_000;
      while (qRec.framesFrom("p-twice").size() < 100 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      p.simulateSignalLoss();
      assertThat(pRec.awaitEvent("reconnected", 10_000)).as("first recovery").isNotNull();
      assertThat(pRec.awaitEvent("reconnected", 10_000)).as("the second loss is recovered too").isNotNull();
      // The signalling works again: LiveKit's news of a newcomer reaches P.
      try (Room r = join("r-twice", "twice", new AudioRecorder())) {
        assertThat(pRec.awaitEvent("joined:r-twice", 10_000)).isNotNull();
      }
    }
  }

  @Test
  void anOldSessionWhoseCloseThrowsDoesNotStopTheRejoin() throws Exception {
    Sessions failingResumeAndClose = new Sessions() {
      @Override
      public RtcSession connect(String url, String token, SessionOptions options, AudioPacer voice,
          RtcSession.Listener listener) {
        return RtcSession.connect(url, token, options, voice, listener);
      }

      @Override
      public void resume(RtcSession session, String url, String token, Duration timeout) {
        throw new RtcException("resume refused (test)", true, null);
      }

      @Override
      public void close(RtcSession session, boolean leave) {
        session.close(leave);
        throw new RtcException("close failed (test)", true, null);
      }
    };
    AudioRecorder pRec = new AudioRecorder();
    AudioRecorder qRec = new AudioRecorder();
    try (Room p = join("p-close", "closing", pRec, failingResumeAndClose); Room q = join("q-close", "closing", qRec)) {
      String before = p.participantSid();
      p.simulateSignalLoss();
      assertThat(pRec.awaitEvent("reconnected", 15_000)).as("rejoined despite the failing close").isNotNull();
      assertThat(p.participantSid()).isNotEqualTo(before);
      sendUntilHeard(p, qRec, "after", "still here");
    }
  }
}

package dev.warmtransfer.bot.room;

import dev.warmtransfer.testkit.RequiresTestNetwork;
import dev.warmtransfer.testkit.TestAudio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.warmtransfer.bot.audio.AudioPacer;
import dev.warmtransfer.bot.signal.SignalException;
import dev.warmtransfer.bot.support.AudioRecorder;
import dev.warmtransfer.bot.support.Signals;
import dev.warmtransfer.bot.support.Tokens;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.tts.EspeakSynthesizer;
import dev.warmtransfer.testkit.LiveKitExtension;
import io.livekit.server.AccessToken;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import io.livekit.server.RoomServiceClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who hears whom, late joiners, failures and recovery, through the real LiveKit server. */
@RequiresTestNetwork
class RoomBehaviourTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();
  private static final RoomOptions FAST = new RoomOptions(Duration.ofSeconds(5), 8, Duration.ofMillis(500), "voice");

  private Room join(String identity, String room, AudioRecorder rec) {
    return Room.connect(LIVEKIT.server().wsUrl(), Tokens.token(LIVEKIT.server(), identity, room), FAST, rec);
  }

  private static short[] middle(List<short[]> frames) {
    List<short[]> heard = Signals.fromFirstAudible(frames);
    assertThat(heard.size()).as("frames heard").isGreaterThan(250);
    return TestAudio.join(heard.subList(100, 200));
  }

  @Test
  void bothDirectionsAtOnceEachHearingOnlyTheOther() throws Exception {
    AudioRecorder pRec = new AudioRecorder();
    AudioRecorder qRec = new AudioRecorder();
    try (Room p = join("p", "duplex", pRec); Room q = join("q", "duplex", qRec)) {
      var pDone = p.play(TestAudio.tone(440, 4000, 48_000, 0.3), 48_000);
      var qDone = q.play(TestAudio.tone(880, 4000, 48_000, 0.3), 48_000);
      // LiveKit's active-speaker detection reads the audio level our sender puts in each RTP packet.
      assertThat(qRec.awaitEvent("speaking:p:true", 4_000)).as("q is told p speaks").isNotNull();
      pDone.get(20, TimeUnit.SECONDS);
      qDone.get(20, TimeUnit.SECONDS);
      Thread.sleep(400);
      short[] qHeard = middle(qRec.framesFrom("p"));
      short[] pHeard = middle(pRec.framesFrom("q"));
      assertThat(TestAudio.dominant(qHeard, 48_000, 300, 1000)).isCloseTo(440, within(5.0));
      assertThat(TestAudio.dominant(pHeard, 48_000, 300, 1000)).isCloseTo(880, within(5.0));
      // Nobody hears themselves: LiveKit never sends a participant its own track.
      assertThat(TestAudio.power(qHeard, 880, 48_000)).isLessThan(TestAudio.power(qHeard, 440, 48_000) / 100);
      assertThat(pRec.frames.keySet()).containsExactly("q");
      assertThat(qRec.frames.keySet()).containsExactly("p");
    }
  }

  @Test
  void dataReachesEveryoneOrOnlyTheChosenIdentities() throws Exception {
    AudioRecorder qRec = new AudioRecorder();
    AudioRecorder rRec = new AudioRecorder();
    try (Room p = join("p-data", "data", new AudioRecorder()); Room q = join("q-data", "data", qRec);
        Room r = join("r-data", "data", rRec)) {
      // LiveKit drops data for a participant whose connection is not up yet: wait until Q and R
      // receive P's (silent) track, i.e. their subscriber connections carry media, and then a bit.
      long deadline = System.currentTimeMillis() + 10_000;
      while ((qRec.framesFrom("p-data").isEmpty() || rRec.framesFrom("p-data").isEmpty())
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(300);
      boolean sent = false;
      while (!sent && System.currentTimeMillis() < deadline) {
        sent = p.sendData("transfer", "hello all".getBytes());
        Thread.sleep(100);
      }
      assertThat(sent).as("reliable channel opened").isTrue();
      assertThat(qRec.data.poll(5, TimeUnit.SECONDS)).isEqualTo("p-data|transfer|hello all");
      assertThat(rRec.data.poll(5, TimeUnit.SECONDS)).isEqualTo("p-data|transfer|hello all");

      assertThat(p.sendData("transfer", "only for q".getBytes(), "q-data")).isTrue();
      assertThat(qRec.data.poll(5, TimeUnit.SECONDS)).isEqualTo("p-data|transfer|only for q");
      assertThat(rRec.data.poll(2, TimeUnit.SECONDS)).as("r was not addressed").isNull();
    }
  }

  @Test
  void lateJoinerHearsEarlierTracksAndLeavingRaisesEvents() throws Exception {
    AudioRecorder qRec = new AudioRecorder();
    Room p = join("early", "late", new AudioRecorder());
    p.play(TestAudio.tone(500, 8000, 48_000, 0.3), 48_000);
    Thread.sleep(1500); // P has been publishing before Q exists
    try (Room q = join("late", "late", qRec)) {
      assertThat(qRec.events.poll(5, TimeUnit.SECONDS)).isEqualTo("joined:early");
      Thread.sleep(3000);
      assertThat(TestAudio.dominant(middle(qRec.framesFrom("early")), 48_000, 300, 700)).isCloseTo(500, within(5.0));
      p.close();
      assertThat(qRec.awaitEvent("unsubscribed:early", 10_000)).isNotNull();
      assertThat(qRec.awaitEvent("left:early", 10_000)).isNotNull();
      assertThat(q.participants()).doesNotContain("early");
    }
  }

  @Test
  void speechStreamedFromTheSynthesizerArrivesWithItsLoudnessEnvelope() throws Exception {
    String text = "Customer account one two three four five is disputing a charge of ninety nine dollars.";
    PcmAudio speech = new EspeakSynthesizer().render(text).resampled(48_000);
    AudioRecorder qRec = new AudioRecorder();
    try (Room p = join("speaker", "speech", new AudioRecorder()); Room q = join("listener", "speech", qRec)) {
      // Start speaking once Q already receives P's (silent) track, so the comparison is not about set-up time.
      long deadline = System.currentTimeMillis() + 10_000;
      while (qRec.framesFrom("speaker").size() < 50 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      // The product's path: the synthesizer streams its chunks straight into P's voice.
      AudioPacer.Stream voice = p.speak();
      new EspeakSynthesizer().speak(text, voice);
      voice.played().get(30, TimeUnit.SECONDS);
      Thread.sleep(500);
      double[] sent = envelope(speech.samples());
      double[] heard = envelope(TestAudio.join(qRec.framesFrom("speaker")));
      double r = driftTolerantCorrelation(sent, heard);
      System.out.printf("speech envelope correlation=%.3f (one lag for the whole clip: %.3f)%n", r, bestCorrelation(sent, heard));
      assertThat(r).isGreaterThanOrEqualTo(0.8);
    }
  }

  @Test
  void badTokenUnreachableServerAndUngrantedRoomFailClearlyAndInTime() {
    var lk = LIVEKIT.server();
    AccessToken forged = new AccessToken(lk.apiKey(), "a-secret-livekit-does-not-know-0123456789");
    forged.setIdentity("mallory");
    forged.addGrants(new RoomJoin(true), new RoomName("x"));
    long start = System.nanoTime();
    assertThatThrownBy(() -> Room.connect(lk.wsUrl(), forged.toJwt(), FAST, new RoomListener() {}))
        .isInstanceOfSatisfying(SignalException.class, e -> {
          assertThat(e.kind()).isEqualTo(SignalException.Kind.UNAUTHORIZED);
          assertThat(e.retryable()).isFalse();
        });
    AccessToken noJoin = new AccessToken(lk.apiKey(), lk.apiSecret());
    noJoin.setIdentity("nobody");
    noJoin.addGrants(new RoomName("x"));
    assertThatThrownBy(() -> Room.connect(lk.wsUrl(), noJoin.toJwt(), FAST, new RoomListener() {}))
        .isInstanceOfSatisfying(SignalException.class, e -> assertThat(e.retryable()).isFalse());
    assertThatThrownBy(() -> Room.connect("ws://" + lk.host() + ":1", Tokens.token(lk, "a", "x"), FAST, new RoomListener() {}))
        .isInstanceOfSatisfying(SignalException.class, e -> assertThat(e.kind()).isEqualTo(SignalException.Kind.UNREACHABLE));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void participantsReconnectByThemselvesWhenLiveKitRestarts() throws Exception {
    AudioRecorder qRec = new AudioRecorder();
    try (Room p = join("p-re", "restart", new AudioRecorder()); Room q = join("q-re", "restart", qRec)) {
      p.play(TestAudio.tone(440, 60_000, 48_000, 0.3), 48_000);
      Thread.sleep(2000);
      assertThat(Signals.fromFirstAudible(qRec.framesFrom("p-re"))).isNotEmpty();
      assertThat(qRec.events).as("one media connection so far").containsOnlyOnce("media-connected");

      LIVEKIT.server().kill();
      Thread.sleep(1000);
      LIVEKIT.server().restart();
      long restarted = System.nanoTime();
      qRec.frames.clear();
      long deadline = restarted + TimeUnit.SECONDS.toNanos(15);
      boolean flowing = false;
      while (System.nanoTime() < deadline && !flowing) {
        Thread.sleep(250);
        List<short[]> heard = qRec.framesFrom("p-re");
        flowing = heard.stream().filter(Signals::audible).count() > 50;
      }
      assertThat(flowing).as("audio flows again within 15 s of the restart").isTrue();
      assertThat(qRec.events.stream().filter("media-connected"::equals)).as("the rejoined session's media connection")
          .hasSize(2);
      short[] after = TestAudio.join(Signals.fromFirstAudible(qRec.framesFrom("p-re")).subList(0, 50));
      assertThat(TestAudio.dominant(after, 48_000, 300, 600)).isCloseTo(440, within(5.0));
    }
  }

  @Test
  void aListenerPublishesNothingAndASpeakerSubscribesToNothing() throws Exception {
    AudioRecorder earRec = new AudioRecorder();
    AudioRecorder mouthRec = new AudioRecorder();
    AudioRecorder bothRec = new AudioRecorder();
    String url = LIVEKIT.server().wsUrl();
    try (Room ear = Room.connect(url, Tokens.token(LIVEKIT.server(), "ear", "roles"), FAST.withPublishAudio(false), earRec);
        Room mouth = Room.connect(url, Tokens.token(LIVEKIT.server(), "mouth", "roles"), FAST.withAutoSubscribe(false), mouthRec);
        Room both = join("both", "roles", bothRec)) {
      mouth.play(TestAudio.tone(440, 6000, 48_000, 0.3), 48_000);
      both.play(TestAudio.tone(880, 6000, 48_000, 0.3), 48_000);
      Thread.sleep(4000);

      assertThat(TestAudio.dominant(middle(earRec.framesFrom("mouth")), 48_000, 300, 1000)).isCloseTo(440, within(5.0));
      assertThat(TestAudio.dominant(middle(earRec.framesFrom("both")), 48_000, 300, 1000)).isCloseTo(880, within(5.0));
      assertThat(mouthRec.frames).as("the speaker subscribed to nobody").isEmpty();
      assertThat(bothRec.framesFrom("ear")).as("the listener published no track").isEmpty();
      assertThat(TestAudio.dominant(middle(bothRec.framesFrom("mouth")), 48_000, 300, 1000)).isCloseTo(440, within(5.0));
      // Listening only still sends data: its publisher connection carries just the data channel.
      assertThat(ear.sendData("note", "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8), "both")).isTrue();
      assertThat(bothRec.data.poll(5, TimeUnit.SECONDS)).isEqualTo("ear|note|hello");
    }
  }

  @Test
  void removedByLiveKitTheRoomEndsAndDoesNotComeBack() throws Exception {
    AudioRecorder pRec = new AudioRecorder();
    AudioRecorder qRec = new AudioRecorder();
    try (Room p = join("p-out", "removal", pRec); Room q = join("q-out", "removal", qRec)) {
      assertThat(qRec.awaitEvent("joined:p-out", 5_000)).isNotNull();
      RoomServiceClient rooms = RoomServiceClient.createClient(
          LIVEKIT.server().httpUrl(), LIVEKIT.server().apiKey(), LIVEKIT.server().apiSecret());
      rooms.removeParticipant("removal", "p-out").execute();

      assertThat(pRec.awaitEvent("disconnected", 10_000)).as("P told it is out").isNotNull();
      assertThat(qRec.awaitEvent("left:p-out", 10_000)).isNotNull();
      Thread.sleep(3000); // longer than a rejoin would take
      assertThat(q.participants()).doesNotContain("p-out");
      assertThat(pRec.events).doesNotContain("reconnected");
      assertThat(p.sendData("t", new byte[] {1})).as("a closed room sends nothing").isFalse();
    }
  }

  @Test
  void droppedSignallingResumesTheSameSessionWithoutInterruptingAudio() throws Exception {
    AudioRecorder pRec = new AudioRecorder();
    AudioRecorder qRec = new AudioRecorder();
    try (Room p = join("p-res", "resume", pRec); Room q = join("q-res", "resume", qRec)) {
      p.play(TestAudio.tone(440, 30_000, 48_000, 0.3), 48_000);
      assertThat(qRec.awaitEvent("joined:p-res", 5_000)).isNotNull();
      Thread.sleep(2000);
      String sid = p.participantSid();
      qRec.frames.clear();
      qRec.events.clear();

      p.simulateSignalLoss();
      assertThat(pRec.awaitEvent("reconnected", 10_000)).as("P resumed").isNotNull();
      Thread.sleep(2000);

      assertThat(p.participantSid()).as("same participant on the server").isEqualTo(sid);
      assertThat(qRec.events).as("Q saw nothing of it").noneMatch(e -> e.startsWith("left:") || e.startsWith("joined:"));
      // Media never depended on the WebSocket: Q heard the tone throughout, without a gap.
      List<short[]> heard = qRec.framesFrom("p-res");
      assertThat(heard.size()).as("frames over ~2.5 s").isGreaterThan(200);
      assertThat(heard.stream().filter(f -> !Signals.audible(f)).count()).as("silent frames").isLessThan(10);
      assertThat(TestAudio.dominant(TestAudio.join(heard.subList(50, 150)), 48_000, 300, 600)).isCloseTo(440, within(5.0));

      // And the resumed signalling works: LiveKit's news of a newcomer, and its audio, reach P.
      try (Room r = join("r-res", "resume", new AudioRecorder())) {
        r.play(TestAudio.tone(660, 5_000, 48_000, 0.3), 48_000);
        assertThat(pRec.awaitEvent("joined:r-res", 5_000)).isNotNull();
        Thread.sleep(3500);
        assertThat(TestAudio.dominant(middle(pRec.framesFrom("r-res")), 48_000, 400, 900)).isCloseTo(660, within(5.0));
      }
    }
  }

  /**
   * Loudness in 50 ms windows every 10 ms: syllables come at ~5 per second, and the receiver's
   * jitter buffer may stretch or squeeze playout by a few milliseconds, which a 10 ms window would
   * count as error; the 10 ms hop lets the alignment find the lag to within 10 ms, where whole
   * windows would leave up to half a window of misalignment (seen as correlations from 0.75 to 0.99
   * for the same audio, depending on where the speech happened to start).
   */
  static double[] envelope(short[] s) {
    int w = 2400;
    int hop = 480;
    int n = s.length < w ? 0 : (s.length - w) / hop + 1;
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < w; j++) {
        double v = s[i * hop + j];
        sum += v * v;
      }
      e[i] = Math.sqrt(sum / w);
    }
    return e;
  }

  /** The best Pearson correlation of the sent envelope against the received one, over every lag that fits. */
  static double bestCorrelation(double[] sent, double[] heard) {
    double best = -1;
    for (int lag = 0; lag + sent.length <= heard.length; lag++) {
      best = Math.max(best, pearson(sent, heard, lag));
    }
    return best;
  }

  /**
   * The envelope compared second by second, each second at its own best lag within 200 ms of the
   * whole clip's: the listener's jitter buffer stretches and shrinks playout as it adapts, so one
   * lag for seconds of speech drifts off while every word still arrives with its shape. The mean
   * over the seconds that carry speech.
   */
  static double driftTolerantCorrelation(double[] sent, double[] heard) {
    int global = 0;
    double best = -1;
    for (int lag = 0; lag + sent.length <= heard.length; lag++) {
      double r = pearson(sent, heard, lag);
      if (r > best) {
        best = r;
        global = lag;
      }
    }
    int piece = 100; // envelope points of 10 ms
    double sum = 0;
    int n = 0;
    for (int from = 0; from + piece <= sent.length; from += piece) {
      double[] part = java.util.Arrays.copyOfRange(sent, from, from + piece);
      if (java.util.Arrays.stream(part).max().orElse(0) < 300) {
        continue; // a pause: no shape to compare
      }
      double bestHere = -1;
      for (int lag = Math.max(0, global + from - 20); lag <= global + from + 20 && lag + piece <= heard.length; lag++) {
        bestHere = Math.max(bestHere, pearson(part, heard, lag));
      }
      sum += bestHere;
      n++;
    }
    return n == 0 ? -1 : sum / n;
  }

  static double pearson(double[] a, double[] b, int lag) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i + lag];
    }
    ma /= n;
    mb /= n;
    double num = 0;
    double da = 0;
    double db = 0;
    for (int i = 0; i < n; i++) {
      num += (a[i] - ma) * (b[i + lag] - mb);
      da += (a[i] - ma) * (a[i] - ma);
      db += (b[i + lag] - mb) * (b[i + lag] - mb);
    }
    return num / Math.sqrt(da * db + 1e-9);
  }
}

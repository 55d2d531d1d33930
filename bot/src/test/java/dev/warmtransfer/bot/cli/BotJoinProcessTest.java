package dev.warmtransfer.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.bot.support.AudioRecorder;
import dev.warmtransfer.bot.support.Signals;
import dev.warmtransfer.bot.support.Tokens;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.audio.Wav;
import dev.warmtransfer.testkit.JavaProcess;
import dev.warmtransfer.testkit.RequiresTestNetwork;
import dev.warmtransfer.testkit.LiveKitExtension;
import dev.warmtransfer.testkit.TestAudio;
import io.livekit.server.RoomServiceClient;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import livekit.LivekitModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code bot join --record} process: it only listens, and SIGTERM still leaves its recording. */
@RequiresTestNetwork
class BotJoinProcessTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();

  @Test
  void aRecorderPublishesNoTrackAndWritesItsRecordingWhenStoppedWithSigterm(@TempDir Path dir) throws Exception {
    var lk = LIVEKIT.server();
    Path out = dir.resolve("heard.wav");
    Process bot = JavaProcess.of(List.of(), BotMain.class.getName(), List.of(
            "join", "--url", lk.wsUrl(), "--room", "sigterm", "--identity", "recorder",
            "--api-key", lk.apiKey(), "--api-secret", lk.apiSecret(), "--record", out.toString(), "--seconds", "120"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("bot.log").toFile()).start();
    AudioRecorder playerRec = new AudioRecorder() {
      @Override
      public void onLocalTrackSubscribed(String trackSid) {
        events.add("subscribed-to-me");
      }
    };
    try (Room player = Room.connect(lk.wsUrl(), Tokens.token(lk, "player", "sigterm"), RoomOptions.defaults(), playerRec)) {
      // The bot process has joined and subscribed to the player's voice: from now on it hears it.
      assertThat(playerRec.awaitEvent("subscribed-to-me", 60_000)).as("the bot process subscribed").isNotNull();
      Thread.sleep(500);
      player.play(TestAudio.tone(660, 3000, 48_000, 0.3), 48_000).get(20, TimeUnit.SECONDS);
      Thread.sleep(500);

      RoomServiceClient rooms = RoomServiceClient.createClient(lk.httpUrl(), lk.apiKey(), lk.apiSecret());
      LivekitModels.ParticipantInfo recorder = rooms.listParticipants("sigterm").execute().body().stream()
          .filter(p -> p.getIdentity().equals("recorder")).findFirst().orElseThrow();
      assertThat(recorder.getTracksList()).as("the recorder published nothing").isEmpty();
      assertThat(playerRec.framesFrom("recorder")).as("nothing of the recorder reached the player").isEmpty();

      bot.destroy(); // SIGTERM, long before its 120 s are up
      assertThat(bot.waitFor(20, TimeUnit.SECONDS)).as("the bot exited").isTrue();
    } finally {
      bot.destroyForcibly();
    }
    assertThat(out).as("recording written on SIGTERM; bot log:%n%s", log(dir)).exists();
    PcmAudio heard = Wav.decode(new ByteArrayInputStream(Files.readAllBytes(out)));
    short[] s = heard.samples();
    List<short[]> frames = new ArrayList<>();
    for (int i = 0; i + 480 <= s.length; i += 480) {
      frames.add(Arrays.copyOfRange(s, i, i + 480));
    }
    List<short[]> tone = Signals.fromFirstAudible(frames);
    assertThat(tone.size()).isGreaterThan(250);
    assertThat(TestAudio.dominant(TestAudio.join(tone.subList(50, 150)), 48_000, 400, 900)).isCloseTo(660, within(5.0));
  }

  private static String log(Path dir) {
    try {
      return Files.readString(dir.resolve("bot.log"));
    } catch (Exception e) {
      return "(no log)";
    }
  }
}

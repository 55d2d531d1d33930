package dev.warmtransfer.bot.cli;

import dev.warmtransfer.testkit.RequiresTestNetwork;
import dev.warmtransfer.testkit.TestAudio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warmtransfer.bot.support.Signals;
import dev.warmtransfer.bot.support.Tokens;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.audio.Wav;
import dev.warmtransfer.testkit.LiveKitExtension;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code bot join}: one instance plays a WAV into a room, another records it to a WAV. */
@RequiresTestNetwork
class BotMainTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();

  @Test
  void joinPlaysAWavAndAnotherJoinRecordsIt(@TempDir Path dir) throws Exception {
    var lk = LIVEKIT.server();
    Path in = dir.resolve("tone.wav");
    Files.write(in, Wav.encode(new PcmAudio(TestAudio.tone(660, 3000, 16_000, 0.3), 16_000)));
    Path out = dir.resolve("heard.wav");
    CompletableFuture<Integer> recorder = CompletableFuture.supplyAsync(() -> {
      try {
        return BotMain.run(new String[] {"join", "--url", lk.wsUrl(), "--room", "cli", "--identity", "recorder",
            "--api-key", lk.apiKey(), "--api-secret", lk.apiSecret(), "--record", out.toString(), "--seconds", "7"});
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(1500);
    int played = BotMain.run(new String[] {"join", "--url", lk.wsUrl(), "--token", Tokens.token(lk, "player", "cli"),
        "--play", in.toString()});
    assertThat(played).isZero();
    assertThat(recorder.get()).isZero();

    PcmAudio heard = Wav.decode(new ByteArrayInputStream(Files.readAllBytes(out)));
    assertThat(heard.sampleRate()).isEqualTo(48_000);
    short[] s = heard.samples();
    List<short[]> frames = new ArrayList<>();
    for (int i = 0; i + 480 <= s.length; i += 480) {
      frames.add(Arrays.copyOfRange(s, i, i + 480));
    }
    List<short[]> tone = Signals.fromFirstAudible(frames);
    assertThat(tone.size()).isGreaterThan(250);
    assertThat(TestAudio.dominant(TestAudio.join(tone.subList(50, 150)), 48_000, 400, 900)).isCloseTo(660, within(5.0));
  }

  @Test
  void missingArgumentsAreAUsageError() throws Exception {
    assertThat(BotMain.run(new String[] {})).isEqualTo(2);
    assertThat(BotMain.run(new String[] {"join", "--url", "ws://x"})).isEqualTo(2);
    assertThat(BotMain.run(new String[] {"join", "--url", "ws://x", "--token", "t", "--seconds", "ten"})).isEqualTo(2);
  }
}

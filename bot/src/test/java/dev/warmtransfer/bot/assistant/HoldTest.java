package dev.warmtransfer.bot.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.bot.jobs.JobTestSupport;
import dev.warmtransfer.bot.jobs.JobTestSupport.ReportRecorder;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.proto.BotInstruction;
import dev.warmtransfer.proto.HoldOff;
import dev.warmtransfer.proto.HoldOn;
import dev.warmtransfer.proto.JobSpec;
import dev.warmtransfer.proto.Say;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.transcribe.PocketsphinxTranscriber;
import dev.warmtransfer.testkit.LiveKitExtension;
import dev.warmtransfer.testkit.TestAudio;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hold audio as the caller hears it: music while on hold, silence at once after, then the introduction. */
@EnabledIfEnvironmentVariable(named = "WT_TEST_IP", matches = ".+", disabledReason = "needs the test network: scripts/testnet.sh exec ...")
class HoldTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();
  static final String BOT = "wt-assistant-hold";

  /** The caller's ears: the bot's frames with their arrival time, and when instructions went by. */
  static final class Ears implements RoomListener {
    record Heard(long atNanos, short[] frame) {}

    final List<Heard> heard = new CopyOnWriteArrayList<>();
    final List<Long> instructionsAt = new CopyOnWriteArrayList<>();

    @Override
    public void onAudio(String identity, String trackSid, short[] samples) {
      if (identity.equals(BOT)) {
        heard.add(new Heard(System.nanoTime(), samples));
      }
    }

    @Override
    public void onData(String fromIdentity, String topic, byte[] payload) {
      if (topic.equals("wt.bot")) {
        instructionsAt.add(System.nanoTime());
      }
    }

    List<short[]> between(long from, long to) {
      List<short[]> out = new ArrayList<>();
      heard.stream().filter(h -> h.atNanos() >= from && h.atNanos() < to).forEach(h -> out.add(h.frame()));
      return out;
    }
  }

  static boolean audible(short[] f) {
    return Pcm.rmsDbfs(f, 0, f.length) > -50;
  }

  @Test
  void holdMusicPlaysStopsAtOnceAndTheIntroductionFollows() throws Exception {
    var lk = LIVEKIT.server();
    String roomName = "call-hold";
    Ears ears = new Ears();
    JobSpec spec = JobSpec.newBuilder().setKind(JobSpec.Kind.CALL_ASSISTANT).setRoom(roomName).build();
    try (ReportRecorder service = new ReportRecorder();
        Room caller = Room.connect(lk.wsUrl(), JobTestSupport.person(lk, "caller-h", roomName, "caller"),
            RoomOptions.defaults().withPublishAudio(false), ears)) {
      CallAssistant job = new CallAssistant(JobTestSupport.context(lk, BOT, spec, service.client),
          JobTestSupport.localResources(CallAssistantTest.HINTS), RoomOptions.defaults());
      job.start();
      try {
        Thread.sleep(1_500);
        // Sent to the caller too, so the caller's side knows when the bot got it (same packet, same path).
        JobTestSupport.instruct(lk, roomName, List.of(BOT, "caller-h"), BotInstruction.newBuilder()
            .setHoldOn(HoldOn.newBuilder().setCallerIdentity("caller-h")));
        Thread.sleep(5_000);
        long onAt = ears.instructionsAt.get(0);
        long startMs = ears.heard.stream().filter(h -> h.atNanos() >= onAt && audible(h.frame())).findFirst()
            .map(h -> (h.atNanos() - onAt) / 1_000_000).orElse(-1L);
        System.out.printf("hold-on to first music at the caller: %d ms%n", startMs);
        List<short[]> music = ears.between(onAt + 1_000_000_000L, onAt + 4_000_000_000L);
        assertThat(music.size()).as("3 s of frames").isGreaterThan(280);
        assertThat(music.stream().filter(HoldTest::audible).count()).as("audible frames of %d", music.size())
            .isGreaterThanOrEqualTo(music.size() * 95 / 100);
        Set<Long> pitches = new HashSet<>();
        for (int i = 0; i + 20 <= music.size(); i += 25) {
          pitches.add(Math.round(TestAudio.dominant(TestAudio.join(music.subList(i, i + 20)), 48_000, 150, 600) / 10.0));
        }
        assertThat(pitches).as("distinct dominant pitches over 3 s (10 Hz bins)").hasSizeGreaterThanOrEqualTo(4);

        JobTestSupport.instruct(lk, roomName, List.of(BOT, "caller-h"), BotInstruction.newBuilder()
            .setHoldOff(HoldOff.getDefaultInstance()));
        Thread.sleep(1_500);
        long offAt = ears.instructionsAt.get(1);
        // The first frame of a silent run (half a second) after hold-off: when the music stopped for the caller.
        List<Ears.Heard> after = ears.heard.stream().filter(h -> h.atNanos() >= offAt).toList();
        int quietFrom = -1;
        for (int i = 0; i + 50 <= after.size() && quietFrom < 0; i++) {
          boolean quiet = true;
          for (int j = i; j < i + 50 && quiet; j++) {
            quiet = !audible(after.get(j).frame());
          }
          if (quiet) {
            quietFrom = i;
          }
        }
        assertThat(quietFrom).as("the music stopped").isGreaterThanOrEqualTo(0);
        long stopMs = (after.get(quietFrom).atNanos() - offAt) / 1_000_000;
        System.out.printf("hold-off to silence at the caller: %d ms%n", stopMs);
        // The same path takes hold-on to the first music (printed above): what is left is the bot's share.
        assertThat(stopMs).as("hold audio stopped after hold-off (target 100 ms)").isLessThan(300);

        long sayAt = System.nanoTime();
        JobTestSupport.instruct(lk, roomName, List.of(BOT), BotInstruction.newBuilder()
            .setSay(Say.newBuilder().setText("Thanks for holding. Bob from billing is with you now.")));
        Thread.sleep(5_000);
        short[] intro = TestAudio.join(ears.between(sayAt, System.nanoTime()));
        String heard = new PocketsphinxTranscriber().transcribe(new PcmAudio(intro, 48_000),
            List.of("thanks", "for", "holding", "bob", "from", "billing", "is", "with", "you", "now", "music",
                "account", "card", "hello", "please", "wait")).text();
        System.out.println("introduction heard: " + heard);
        assertThat(heard).contains("billing").contains("bob");
      } finally {
        job.stop("test over");
        job.done().get(5, TimeUnit.SECONDS);
      }
    }
  }
}

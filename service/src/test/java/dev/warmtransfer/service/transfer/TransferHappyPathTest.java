package dev.warmtransfer.service.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warmtransfer.bot.jobs.JobResources;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.service.support.Ears;
import dev.warmtransfer.service.support.HeardDigits;
import dev.warmtransfer.service.support.TransferRig;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.transcribe.PocketsphinxTranscriber;
import dev.warmtransfer.speech.tts.EspeakSynthesizer;
import dev.warmtransfer.testkit.TestAudio;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The whole happy path with nothing scripted in between: the caller and Agent A talk (espeak-ng),
 * the call assistant transcribes them (local engines: pocketsphinx limited to the shipped
 * call-centre vocabulary, not to these sentences), A starts a transfer without sending any
 * transcript, the caller waits on hold, B hears a briefing made from what the caller said,
 * accepts, and the caller hears B without ever reconnecting.
 *
 * <p>The caller says an account number digit by digit; the call assistant's recognizer hears it
 * with its identifier pass, the briefing names it, and B's ears are checked for its digits.
 */
@EnabledIfEnvironmentVariable(named = "WT_TEST_IP", matches = ".+", disabledReason = "needs the test network: scripts/testnet.sh exec ...")
class TransferHappyPathTest {
  /**
   * Vocabulary words only. The local recognizer garbles most of espeak-ng's words, but finds "card"
   * (and "twice") in this line reliably; A's line shares none of them.
   */
  static final String CALLER_LINE = "Hi, I was charged twice on my card last month.";
  static final String AGENT_LINE = "Thanks. I will send you a refund today.";
  /**
   * One of the seeded numbers {@code SpokenAccountNumbersTest} (speech module) says: the local
   * recognizer gets about two thirds of them exactly (that test prints the rate), this one among
   * them, so the happy path does not depend on the rate. No "eight": pocketsphinx hears espeak-ng's
   * as "six" most times.
   */
  static final String ACCOUNT = "45733146";
  static final String ACCOUNT_LINE = "My account number is " + String.join(" ", ACCOUNT.split("")) + ".";

  @Test
  void callerAndATalkBHearsTheAccountNumberThenTakesTheCallerOverWithoutAReconnect() throws Exception {
    String room = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    EspeakSynthesizer voice = new EspeakSynthesizer();
    try (TransferRig rig = TransferRig.withWorker("e2e-happy")) {
      Ears callerEars = new Ears();
      Ears aliceEars = new Ears();
      Ears bobEars = new Ears();
      Room caller = rig.join("caller-1", room, "caller", callerEars);
      Room alice = rig.join("alice", room, "agent", aliceEars);
      String callerSid = rig.sid(room, "caller-1");
      assertThat(callerSid).as("caller's sid in LiveKit").isNotEmpty().isEqualTo(caller.participantSid());
      String assistant = rig.awaitAssistant(room, 30_000);
      Thread.sleep(1_500); // the assistant's subscriptions settle before anyone speaks

      // The call: the caller says what is wrong and gives the account number, A answers; each heard by the other.
      long talk = System.currentTimeMillis();
      PcmAudio said = voice.render(CALLER_LINE);
      caller.play(said.samples(), said.sampleRate()).get(30, TimeUnit.SECONDS);
      Thread.sleep(1_200); // longer than the assistant's end-of-utterance silence
      PcmAudio account = voice.render(ACCOUNT_LINE);
      caller.play(account.samples(), account.sampleRate()).get(30, TimeUnit.SECONDS);
      Thread.sleep(1_200);
      PcmAudio answer = voice.render(AGENT_LINE);
      alice.play(answer.samples(), answer.sampleRate()).get(30, TimeUnit.SECONDS);
      assertThat(aliceEars.audible("caller-1", talk, Long.MAX_VALUE)).as("A hears the caller speak").hasSizeGreaterThan(100);
      assertThat(callerEars.awaitAudible("alice", talk, 100, 10_000)).as("the caller hears A speak").isTrue();
      awaitRunningBriefing(rig, room, 3, 90_000);

      // A starts the transfer with no transcript: the briefing comes from the call itself.
      JsonNode started = rig.startTransfer(room, "alice", "bob", Map.of());
      String id = started.get("transferId").asText();
      String h = started.get("newRoom").asText();
      alice.play(TestAudio.tone(600, 90_000, 48_000, 0.3), 48_000); // A goes on talking
      assertThat(rig.await(id, t -> !t.get("state").asText().equals("requested"), 20_000).get("state").asText())
          .isEqualTo("caller_on_hold");
      long held = System.currentTimeMillis();
      assertThat(callerEars.awaitAudible(assistant, held, 100, 20_000)).as("the caller hears hold audio").isTrue();

      // B joins H and hears the briefing to its end (B stays quiet: talking would stop it).
      Room bobInH = rig.join(started.get("agentBToken").asText(), bobEars);
      long bJoined = System.currentTimeMillis();
      JsonNode briefed = rig.awaitState(id, "briefed", 90_000);
      assertThat(briefed.get("state").asText()).as("timeline: " + briefed.get("timeline")).isEqualTo("briefed");
      String briefer = rig.identities(h).stream().filter(i -> i.startsWith("wt-briefer-")).findFirst().orElse("");
      Thread.sleep(500); // the briefing's last packets
      short[] heard = bobEars.samples(briefer, bJoined, System.currentTimeMillis());
      // The same recognizer and vocabulary as the call assistant.
      String words = new PocketsphinxTranscriber().transcribe(new PcmAudio(heard, 48_000), JobResources.vocabulary()).text();
      System.out.printf("B heard from %s (%d ms of audio): %s%n", briefer, heard.length / 48, words);
      String spoken = briefed.get("briefing").get("spoken").asText();
      System.out.println("briefing spoken: " + spoken);
      assertThat(bobEars.audible(briefer, bJoined, Long.MAX_VALUE)).as("B hears the briefer").hasSizeGreaterThanOrEqualTo(100);
      // The account number said on the call, in the written briefing, and by ear in what B heard.
      assertThat(briefed.get("briefing").get("summary").asText()).as("the written summary").contains(ACCOUNT);
      assertThat(spoken.replaceAll("(?<=\\d) (?=\\d)", "")).as("the spoken briefing's text").contains(ACCOUNT);
      // Heard twice over, as a person would listen twice: with a digit grammar, and with the call's
      // vocabulary (above). Each alone has misheard the digits under load (the grammar once took
      // its filler words for digits while the vocabulary pass had all eight); the better counts.
      String digitsHeard = HeardDigits.hear(heard, HeardDigits.grammar("account", ACCOUNT.length(), List.of(spoken)));
      List<String> digits = HeardDigits.words(ACCOUNT);
      int inOrder = Math.max(HeardDigits.inOrderAfter(digitsHeard, "account", digits), HeardDigits.inOrderAfter(words, "account", digits));
      System.out.printf("B heard the account number as: %s / %s (%d of %d digits in order)%n", digitsHeard, words, inOrder,
          ACCOUNT.length());
      // Any eight digits after "account" share about three with these by chance; the recognizer
      // over Opus on a loaded machine has dropped or swapped one or two.
      assertThat(inOrder).as("digits of " + ACCOUNT + " B heard after 'account' in: " + digitsHeard + " / " + words)
          .isGreaterThanOrEqualTo(6);
      // The caller's words the briefing carries (the recognizer finds "card" and "twice" most times,
      // not always both).
      List<String> briefingWords = java.util.Arrays.asList(briefed.get("briefing").get("spoken").asText().toLowerCase(java.util.Locale.ROOT)
          .split("[^a-z']+"));
      List<String> callersWords = java.util.stream.Stream.of("card", "twice").filter(briefingWords::contains).toList();
      assertThat(callersWords).as("the briefing says what the caller said").isNotEmpty();
      // What B heard is printed, not asserted: pocketsphinx found the caller's words in the spoken
      // briefing in 2 of 4 runs here. B hearing the briefer is checked by energy above.
      assertThat(callerEars.audible("alice", held + 500, System.currentTimeMillis())).as("caller hears A on hold").isEmpty();

      // The transcript holds both speakers, each with its own identity and role.
      JsonNode transcript = briefed.get("transcript");
      System.out.println("transcript: " + transcript);
      List<JsonNode> callerLines = lines(transcript, "caller-1");
      List<JsonNode> agentLines = lines(transcript, "alice");
      assertThat(callerLines).as("the caller's lines").isNotEmpty().allMatch(l -> l.get("role").asText().equals("caller"));
      assertThat(agentLines).as("A's lines").isNotEmpty().allMatch(l -> l.get("role").asText().equals("agent"));
      assertThat(text(callerLines)).containsAnyOf("card", "twice");
      assertThat(text(agentLines)).isNotBlank().doesNotContain("card").doesNotContain("twice");

      // B accepts and goes to the caller's room, talking at once (800 Hz: only B plays it).
      long accepted = System.currentTimeMillis();
      JsonNode token = rig.post("/transfers/" + id + "/accept", "");
      assertThat(token.get("room").asText()).isEqualTo(room);
      rig.leave(bobInH);
      Room bobInR = rig.join(token.get("token").asText(), bobEars);
      bobInR.play(TestAudio.tone(800, 60_000, 48_000, 0.3), 48_000);
      assertThat(rig.awaitState(id, "completed", 30_000).get("state").asText()).isEqualTo("completed");
      assertThat(callerEars.awaitPitchedFromHumans(accepted, 800, 100, 20_000))
          .as("caller hears B (800 Hz); frames from: " + callerEars.sources(accepted)).isGreaterThanOrEqualTo(100);
      long firstB = Ears.firstPitched(callerEars.audibleFromHumans(accepted), 800);
      long lastHold = callerEars.audible(assistant, accepted, firstB).stream().mapToLong(Ears.Frame::atMs).max().orElse(accepted);
      long silence = callerEars.longestSilenceMs(accepted, firstB);
      System.out.printf("caller at hand-over: longest silence %d ms between accept and B's first frame "
          + "(last hold audio %d ms before B, B first heard %d ms after accept)%n", silence, firstB - lastHold, firstB - accepted);
      // A loose sanity bound: the 300 ms target is measured by the benchmark, not asserted here.
      assertThat(silence).as("caller's longest silence at hand-over, ms").isLessThan(3_000);

      caller.play(TestAudio.tone(400, 30_000, 48_000, 0.3), 48_000);
      assertThat(bobEars.awaitAudible("caller-1", System.currentTimeMillis(), 100, 20_000)).as("B hears the caller").isTrue();
      List<String> inR = rig.awaitIdentities(room, l -> !l.contains("alice"), 15_000);
      assertThat(inR).contains("caller-1", "bob").doesNotContain("alice");
      assertThat(rig.awaitIdentities(h, List::isEmpty, 15_000)).as("H deleted").isEmpty();
      assertThat(rig.sid(room, "caller-1")).as("the caller never reconnected").isEqualTo(callerSid);
      assertThat(caller.participantSid()).isEqualTo(callerSid);
      JsonNode done = rig.get("/transfers/" + id);
      assertThat(done.get("timeline")).extracting(n -> n.get("state").asText())
          .containsSubsequence("requested", "caller_on_hold", "agent_b_joined", "briefed", "accepted", "completed");
    }
  }

  private static void awaitRunningBriefing(TransferRig rig, String room, int segments, long ms) throws InterruptedException {
    // Only a wait (the assertions are on what B hears and on the API): the call assistant's
    // running briefing is what POST /transfer hands the briefer.
    long end = System.currentTimeMillis() + ms;
    while (System.currentTimeMillis() < end) {
      Integer n = rig.service.application().database().jdbi().withHandle(hd -> hd
          .createQuery("select max(segments) from call_briefings where room = :r").bind("r", room)
          .mapTo(Integer.class).findOne().orElse(null));
      if (n != null && n >= segments) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the call assistant reported no briefing of " + segments + " segments in " + ms + " ms");
  }

  private static List<JsonNode> lines(JsonNode transcript, String speaker) {
    List<JsonNode> out = new ArrayList<>();
    transcript.forEach(l -> {
      if (l.get("speaker").asText().equals(speaker)) {
        out.add(l);
      }
    });
    return out;
  }

  private static String text(List<JsonNode> lines) {
    StringBuilder b = new StringBuilder();
    lines.forEach(l -> b.append(l.get("text").asText().toLowerCase(java.util.Locale.ROOT)).append(' '));
    return b.toString();
  }
}

package dev.warmtransfer.bot.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.bot.jobs.JobTestSupport;
import dev.warmtransfer.bot.jobs.JobTestSupport.ReportRecorder;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.bot.support.AudioRecorder;
import dev.warmtransfer.proto.BotReport;
import dev.warmtransfer.proto.JobSpec;
import dev.warmtransfer.proto.Role;
import dev.warmtransfer.proto.TranscriptSegment;
import dev.warmtransfer.speech.tts.EspeakSynthesizer;
import dev.warmtransfer.speech.tts.Synthesizer;
import dev.warmtransfer.testkit.LiveKitExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import livekit.LivekitModels.DataPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The call assistant in a real room: two people talk in turn, a third one reads the captions. */
@EnabledIfEnvironmentVariable(named = "WT_TEST_IP", matches = ".+", disabledReason = "needs the test network: scripts/testnet.sh exec ...")
class CallAssistantTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();

  /** Who says what, and the words of it a recognizer must find (at least two per sentence). */
  record Line(String speaker, String text, Set<String> keywords) {}

  static final List<Line> CALL = List.of(
      new Line("caller-1", "I was charged twice on my card last month.", Set.of("charged", "twice", "card", "last", "month")),
      new Line("agent-a", "I can see the second charge on your account.", Set.of("see", "second", "charge", "account")),
      new Line("caller-1", "I need a refund for the late fee.", Set.of("need", "refund", "late", "fee")),
      new Line("agent-a", "I will send you a new card this week.", Set.of("send", "new", "card", "week")));

  /**
   * The local recognizer's grammar: every word of a support call's small talk and some it never
   * hears, in no order. Not the sentences: the recognizer has to find them (open vocabulary).
   */
  static final List<String> HINTS = List.of(("i was charged twice on my card last month can see the second charge "
      + "your account need a refund for late fee will send you new this week hello thanks please yes no bill "
      + "billing order claim address email cancel change update today let me check and payment number is").split(" "));

  /** Caption streams a third participant received: stream id -> header, text, final flag. */
  static final class CaptionReader implements RoomListener {
    record Caption(String speaker, String segmentId, String trackSid, boolean isFinal, StringBuilder text) {}

    final Map<String, Caption> byStream = new ConcurrentHashMap<>();
    final List<Caption> completed = new CopyOnWriteArrayList<>();
    final Map<String, String> trackOf = new ConcurrentHashMap<>();

    @Override
    public void onTrackSubscribed(String identity, String trackSid) {
      trackOf.put(identity, trackSid);
    }

    @Override
    public void onDataPacket(DataPacket p) {
      if (p.hasStreamHeader() && p.getStreamHeader().getTopic().equals("lk.transcription")) {
        var a = p.getStreamHeader().getAttributesMap();
        byStream.put(p.getStreamHeader().getStreamId(), new Caption(p.getParticipantIdentity(),
            a.getOrDefault("lk.segment_id", ""), a.getOrDefault("lk.transcribed_track_id", ""),
            "true".equals(a.get("lk.transcription_final")), new StringBuilder()));
      } else if (p.hasStreamChunk()) {
        Caption c = byStream.get(p.getStreamChunk().getStreamId());
        if (c != null) {
          c.text().append(p.getStreamChunk().getContent().toStringUtf8());
        }
      } else if (p.hasStreamTrailer()) {
        Caption c = byStream.remove(p.getStreamTrailer().getStreamId());
        if (c != null) {
          completed.add(c);
        }
      }
    }

    List<Caption> finals() {
      return completed.stream().filter(Caption::isFinal).toList();
    }
  }

  static long words(String text, Set<String> keywords) {
    Set<String> heard = Arrays.stream(text.toLowerCase().split("[^a-z']+")).collect(Collectors.toSet());
    return keywords.stream().filter(heard::contains).count();
  }

  @Test
  void eachSpeakerIsTranscribedSeparatelyAndCaptionedForOthers() throws Exception {
    var lk = LIVEKIT.server();
    String roomName = "call-transcript";
    Synthesizer voice = new EspeakSynthesizer();
    CaptionReader reader = new CaptionReader();
    JobSpec spec = JobSpec.newBuilder().setKind(JobSpec.Kind.CALL_ASSISTANT).setRoom(roomName).build();
    try (ReportRecorder service = new ReportRecorder();
        Room caller = Room.connect(lk.wsUrl(), JobTestSupport.person(lk, "caller-1", roomName, "caller"),
            RoomOptions.defaults().withAutoSubscribe(false), new AudioRecorder());
        Room agent = Room.connect(lk.wsUrl(), JobTestSupport.person(lk, "agent-a", roomName, "agent"),
            RoomOptions.defaults().withAutoSubscribe(false), new AudioRecorder());
        Room watcher = Room.connect(lk.wsUrl(), JobTestSupport.person(lk, "watcher", roomName, "agent"),
            RoomOptions.defaults().withPublishAudio(false), reader)) {
      CallAssistant job = new CallAssistant(JobTestSupport.context(lk, "wt-assistant-1", spec, service.client),
          JobTestSupport.localResources(HINTS), RoomOptions.defaults());
      job.start();
      try {
        Thread.sleep(1_500); // the assistant's subscriptions settle
        for (Line line : CALL) {
          Room who = line.speaker().equals("caller-1") ? caller : agent;
          var audio = voice.render(line.text());
          who.play(audio.samples(), audio.sampleRate()).get(20, TimeUnit.SECONDS);
          Thread.sleep(1_200); // a pause between turns, longer than the end-of-utterance silence
        }
        List<TranscriptSegment> segments = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 60_000;
        while (segments.size() < CALL.size() && System.currentTimeMillis() < deadline) {
          BotReport r = service.await(BotReport::hasSegment, deadline - System.currentTimeMillis());
          if (r != null) {
            segments.add(r.getSegment());
            assertThat(r.getRoom()).isEqualTo(roomName);
            assertThat(r.getBotIdentity()).isEqualTo("wt-assistant-1");
          }
        }
        segments.sort((a, b) -> Long.compare(a.getStartMs(), b.getStartMs()));
        segments.forEach(s -> System.out.printf("segment %s (%s) %d-%d ms: %s%n", s.getSpeaker(), s.getRole(),
            s.getStartMs(), s.getEndMs(), s.getText()));
        assertThat(segments).as("one final segment per line").hasSize(CALL.size());
        for (int i = 0; i < CALL.size(); i++) {
          Line line = CALL.get(i);
          TranscriptSegment s = segments.get(i);
          assertThat(s.getSpeaker()).as("speaker of line %d", i).isEqualTo(line.speaker());
          assertThat(s.getRole()).isEqualTo(line.speaker().equals("caller-1") ? Role.ROLE_CALLER : Role.ROLE_AGENT);
          assertThat(words(s.getText(), line.keywords())).as("words of \"%s\" in \"%s\"", line.text(), s.getText())
              .isGreaterThanOrEqualTo(2);
          assertThat(s.getEngine()).isEqualTo("local");
        }
        assertThat(segments.get(1).getStartMs()).isGreaterThan(segments.get(0).getEndMs());

        // The third participant got a final caption for every utterance, on behalf of its speaker, on its track.
        long until = System.currentTimeMillis() + 5_000;
        while (reader.finals().size() < CALL.size() && System.currentTimeMillis() < until) {
          Thread.sleep(50);
        }
        List<CaptionReader.Caption> captions = reader.finals();
        assertThat(captions).hasSize(CALL.size());
        for (TranscriptSegment s : segments) {
          assertThat(captions).as("caption of %s", s.getSegmentId()).anySatisfy(c -> {
            assertThat(c.segmentId()).isEqualTo(s.getSegmentId());
            assertThat(c.speaker()).isEqualTo(s.getSpeaker());
            assertThat(c.trackSid()).isEqualTo(reader.trackOf.get(s.getSpeaker()));
            assertThat(c.text().toString()).isEqualTo(s.getText());
          });
        }
        // Interims, when there were any, belong to a segment that was then finalized.
        reader.completed.stream().filter(c -> !c.isFinal()).forEach(c ->
            assertThat(captions).extracting(CaptionReader.Caption::segmentId).contains(c.segmentId()));

        BotReport running = service.await(BotReport::hasRunningBriefing, 20_000);
        assertThat(running).as("a running briefing").isNotNull();
        assertThat(running.getRunningBriefing().getBriefing().getSummary()).isNotBlank();
      } finally {
        job.stop("test over");
        assertThat(job.done().get(5, TimeUnit.SECONDS).failed()).isFalse();
      }
    }
  }

  @Test
  void theJobEndsByItselfWhenThePeopleLeave() throws Exception {
    var lk = LIVEKIT.server();
    String roomName = "call-empty";
    JobSpec spec = JobSpec.newBuilder().setKind(JobSpec.Kind.CALL_ASSISTANT).setRoom(roomName).build();
    try (ReportRecorder service = new ReportRecorder()) {
      Room caller = Room.connect(lk.wsUrl(), JobTestSupport.person(lk, "caller-2", roomName, "caller"),
          RoomOptions.defaults(), new AudioRecorder());
      CallAssistant job = new CallAssistant(JobTestSupport.context(lk, "wt-assistant-2", spec, service.client),
          JobTestSupport.localResources(HINTS), RoomOptions.defaults());
      job.start();
      Thread.sleep(1_000);
      assertThat(job.done()).isNotDone();
      caller.close();
      var outcome = job.done().get(30, TimeUnit.SECONDS);
      assertThat(outcome.reason()).contains("no person left");
      BotReport ended = service.await(BotReport::hasJobEnded, 5_000);
      assertThat(ended).isNotNull();
      assertThat(ended.getJobEnded().getFailed()).isFalse();
    }
  }
}

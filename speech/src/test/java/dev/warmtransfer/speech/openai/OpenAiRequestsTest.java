package dev.warmtransfer.speech.openai;

import dev.warmtransfer.testkit.TestAudio;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.speech.Provider;
import dev.warmtransfer.speech.Speech;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.audio.Wav;
import dev.warmtransfer.speech.summary.Briefing;
import dev.warmtransfer.speech.support.OpenAiServer;
import dev.warmtransfer.speech.transcribe.Transcription;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact requests we send to an OpenAI-compatible server, and how real-shaped answers are read. */
class OpenAiRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OpenAiServer openai;
  private final Speech speech;

  OpenAiRequestsTest() throws Exception {
    openai = new OpenAiServer();
    speech = Speech.create(openai.config().build());
  }

  @AfterEach
  void close() {
    openai.close();
  }

  @Test
  void transcriptionUploadsA16kHzWavOfTheUtteranceWithModelAndHints() throws Exception {
    openai.enqueueJson(200, "{\"text\":\"Account one two three four five.\"}");
    PcmAudio utterance = new PcmAudio(TestAudio.tone(220, 1500, 48_000, 0.3), 48_000);

    Transcription t = speech.transcriber().transcribe(utterance, List.of("account", "Dana Smith"));

    assertThat(t.text()).isEqualTo("Account one two three four five.");
    assertThat(t.provider()).isEqualTo(Provider.OPENAI);
    RecordedRequest r = openai.server.takeRequest();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/audio/transcriptions");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer sk-test-not-a-real-key");
    String contentType = r.getHeaders().get("Content-Type");
    assertThat(contentType).startsWith("multipart/form-data");
    Multipart parts = Multipart.parse(r.getBody().toByteArray(), contentType);
    assertThat(parts.text("model")).isEqualTo("whisper-1");
    assertThat(parts.text("prompt")).isEqualTo("account, Dana Smith");
    assertThat(parts.filename("file")).isEqualTo("utterance.wav");
    PcmAudio uploaded = Wav.decode(new ByteArrayInputStream(parts.bytes("file")));
    assertThat(uploaded.sampleRate()).isEqualTo(16_000);
    assertThat(uploaded.durationMs()).isEqualTo(1500);
  }

  @Test
  void summaryIsStreamedAndItsSpokenSentencesArriveBeforeTheEnd() throws Exception {
    String answer =
        "{\"spoken\": \"Caller disputes a 99 dollar charge. Account 1 2 3 4 5. Please review it.\","
            + " \"summary\": \"Customer disputes $99.99 on account 12345.\", \"reason\": \"billing issue\","
            + " \"customerIds\": [\"caller-123\"], \"accountNumbers\": [\"12345\"], \"amounts\": [\"$99.99\"],"
            + " \"dates\": [], \"tried\": [], \"promised\": [\"a callback today\"], \"sentiment\": \"frustrated\","
            + " \"nextStep\": \"Review the charge\",";
    // The newer keys in one last piece: as many stream events as before, on a busy machine with a 1 s timeout.
    String newerKeys = " \"facts\": [{\"kind\": \"account\", \"value\": \"12345\"},"
        + " {\"kind\": \"card ending in\", \"value\": \"0093\"}], \"wants\": [\"I want a refund\"],"
        + " \"decided\": [\"I've frozen the card\"]}";
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i < answer.length(); i += 7) {
      pieces.add(answer.substring(i, Math.min(answer.length(), i + 7)));
    }
    pieces.add(newerKeys);
    openai.enqueueChatStream(pieces.toArray(String[]::new));
    List<String> spoken = new ArrayList<>();

    Briefing b = speech.summarizer().summarize("caller-123: my bill is wrong", "Account 12345, $99.99", spoken::add);

    assertThat(spoken).containsExactly("Caller disputes a 99 dollar charge.", "Account 1 2 3 4 5.", "Please review it.");
    assertThat(b.provider()).isEqualTo(Provider.OPENAI);
    assertThat(b.accountNumbers()).containsExactly("12345");
    assertThat(b.amounts()).containsExactly("$99.99");
    assertThat(b.promised()).containsExactly("a callback today");
    assertThat(b.nextStep()).isEqualTo("Review the charge");
    assertThat(b.facts()).containsExactly(new Briefing.Fact("account", "12345"), new Briefing.Fact("card ending in", "0093"));
    assertThat(b.wants()).containsExactly("I want a refund");
    assertThat(b.decided()).containsExactly("I've frozen the card");

    RecordedRequest r = openai.server.takeRequest();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    JsonNode body = JSON.readTree(r.getBody().utf8());
    assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.get("response_format").get("type").asText()).isEqualTo("json_object");
    JsonNode messages = body.get("messages");
    assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
    assertThat(messages.get(0).get("content").asText()).contains("\"spoken\"").contains("60 words")
        .contains("\"facts\"").contains("\"wants\"").contains("\"decided\"");
    assertThat(messages.get(1).get("role").asText()).isEqualTo("user");
    assertThat(messages.get(1).get("content").asText())
        .contains("caller-123: my bill is wrong").contains("Account 12345, $99.99");
  }

  @Test
  void speechIsRequestedAsPcmAndHandedOnAsItArrives() throws Exception {
    byte[] pcm = dev.warmtransfer.speech.audio.Pcm.toBytes(TestAudio.tone(440, 500, 24_000, 0.4));
    // Throttled so the body really arrives in pieces, as a streamed answer does.
    openai.server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/pcm")
        .body(new Buffer().write(pcm)).throttleBody(4800, 20, java.util.concurrent.TimeUnit.MILLISECONDS).build());
    ByteArrayOutputStream heard = new ByteArrayOutputStream();
    List<Integer> rates = new ArrayList<>();
    int[] chunks = {0};

    List<Provider> providers = speech.synthesizer().speak("Account one two three.", (bytes, rate) -> {
      heard.writeBytes(bytes);
      rates.add(rate);
      chunks[0]++;
    });

    assertThat(providers).containsExactly(Provider.OPENAI);
    assertThat(heard.toByteArray()).isEqualTo(pcm);
    assertThat(rates).containsOnly(24_000);
    assertThat(chunks[0]).isGreaterThan(1);
    RecordedRequest r = openai.server.takeRequest();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/audio/speech");
    JsonNode body = JSON.readTree(r.getBody().utf8());
    assertThat(body.get("model").asText()).isEqualTo("tts-1");
    assertThat(body.get("voice").asText()).isEqualTo("alloy");
    assertThat(body.get("response_format").asText()).isEqualTo("pcm");
    assertThat(body.get("input").asText()).isEqualTo("Account one two three.");
  }

  /** Just enough multipart/form-data parsing to check what we uploaded. */
  record Multipart(List<Part> parts) {
    record Part(String name, String filename, byte[] body) {}

    static Multipart parse(byte[] body, String contentType) {
      String boundary = "--" + contentType.replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
      String latin = new String(body, StandardCharsets.ISO_8859_1);
      List<Part> parts = new ArrayList<>();
      for (String raw : latin.split(java.util.regex.Pattern.quote(boundary))) {
        int headerEnd = raw.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
          continue;
        }
        String headers = raw.substring(0, headerEnd);
        String name = headers.replaceAll("(?s).*?\\bname=\"([^\"]+)\".*", "$1");
        String filename = headers.contains("filename=") ? headers.replaceAll("(?s).*filename=\"([^\"]+)\".*", "$1") : null;
        String content = raw.substring(headerEnd + 4, raw.length() - 2);
        parts.add(new Part(name, filename, content.getBytes(StandardCharsets.ISO_8859_1)));
      }
      return new Multipart(parts);
    }

    Part part(String name) {
      return parts.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no part " + name));
    }

    String text(String name) {
      return new String(part(name).body(), StandardCharsets.UTF_8);
    }

    String filename(String name) {
      return part(name).filename();
    }

    byte[] bytes(String name) {
      return part(name).body();
    }
  }
}

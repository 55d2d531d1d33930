package dev.warmtransfer.speech.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.http.StreamResponse;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.warmtransfer.speech.Provider;
import dev.warmtransfer.speech.SpeechException;
import dev.warmtransfer.speech.openai.OpenAi;
import dev.warmtransfer.speech.text.Sentences;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Chat completions, streamed, answering one JSON object that is checked against {@link Briefing}. */
public final class OpenAiSummarizer implements Summarizer {
  static final String INSTRUCTIONS =
      """
      You brief a call-center agent (Agent B) who is about to take over a customer's call from Agent A.
      Answer with one JSON object and nothing else. Write the keys in exactly this order:
      "spoken": at most 60 words, written to be heard by Agent B: short sentences in the third person ("the caller
      says their card..."), never a speaker label, identifiers said character by character ("C L 2 0 9 3 1"),
      with the caller's problem, every identifier, amount and date, what Agent A did, what the caller wants;
      "summary": two or three written sentences;
      "reason": why the customer called, as first stated;
      "customerIds": names, customer ids, emails or phone numbers of the customer (array of strings);
      "accountNumbers": account numbers (array of strings, digits only);
      "amounts": money amounts like "$99.99" (array of strings);
      "dates": dates and times mentioned (array of strings);
      "tried": what was already tried (array of strings);
      "promised": what Agent A promised the customer (array of strings);
      "sentiment": the customer's mood in a few words;
      "nextStep": the one next step asked of Agent B;
      "facts": every identifier, amount, date, place and team, as objects {"kind": ..., "value": ...}, kind being
      what it is ("account", "claim", "prescription", "employee number", "card ending in", "order", "policy",
      "member", "ticket", "amount", "date", "place", "team", ...) and value as said ("CL-20931", "$99.99");
      "wants": what the caller said they want or do not want, in their words (array of strings);
      "decided": what Agent A did or decided, in their words (array of strings).
      The transcript's lines are "speaker: text"; tell the caller from the agent by what they say.
      Use only facts from the transcript and the notes; use empty arrays when a fact is absent.
      """;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OpenAi openai;

  public OpenAiSummarizer(OpenAi openai) {
    this.openai = openai;
  }

  @Override
  public Briefing summarize(String transcript, String notes) {
    return summarize(transcript, notes, s -> {});
  }

  @Override
  public Briefing summarize(String transcript, String notes, Consumer<String> spokenSentence) {
    openai.ensureUsable();
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model(openai.config().chatModel())
            .addSystemMessage(INSTRUCTIONS)
            .addUserMessage(prompt(transcript, notes))
            .responseFormat(ResponseFormatJsonObject.builder().build())
            .temperature(0.2)
            .build();
    StringBuilder json = new StringBuilder();
    List<String> heard = new ArrayList<>();
    SpokenTextExtractor spoken = new SpokenTextExtractor(s -> {
      heard.add(s);
      spokenSentence.accept(s);
    });
    try (StreamResponse<ChatCompletionChunk> stream = openai.client().chat().completions().createStreaming(params)) {
      stream.stream()
          .flatMap(chunk -> chunk.choices().stream())
          .forEach(choice -> choice.delta().content().ifPresent(text -> {
            json.append(text);
            spoken.feed(text);
          }));
    } catch (RuntimeException e) {
      throw openai.translate(e);
    }
    spoken.finish();
    return parse(json.toString());
  }

  static String prompt(String transcript, String notes) {
    return "Transcript of the call so far:\n" + (transcript == null || transcript.isBlank() ? "(none)" : transcript)
        + "\n\nAgent A's notes:\n" + (notes == null || notes.isBlank() ? "(none)" : notes);
  }

  /** The model's JSON, checked key by key; anything off makes the answer unusable (not retryable). */
  static Briefing parse(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (Exception e) {
      throw new SpeechException("model answer is not JSON", false, e);
    }
    if (node == null || !node.isObject()) {
      throw new SpeechException("model answer is not a JSON object", false);
    }
    String spoken = text(node, "spoken");
    if (spoken.isBlank()) {
      throw new SpeechException("model answer has an empty spoken text", false);
    }
    return new Briefing(
        text(node, "summary"),
        text(node, "reason"),
        strings(node, "customerIds"),
        strings(node, "accountNumbers"),
        strings(node, "amounts"),
        strings(node, "dates"),
        strings(node, "tried"),
        strings(node, "promised"),
        text(node, "sentiment"),
        text(node, "nextStep"),
        Sentences.limitWords(spoken, Briefing.MAX_SPOKEN_WORDS),
        Provider.OPENAI,
        facts(node),
        optionalStrings(node, "wants"),
        optionalStrings(node, "decided"));
  }

  /** The newer keys may be missing (an older prompt's answer); present, they must have the right shape. */
  private static List<String> optionalStrings(JsonNode node, String field) {
    return node.has(field) ? strings(node, field) : List.of();
  }

  private static List<Briefing.Fact> facts(JsonNode node) {
    JsonNode v = node.get("facts");
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new SpeechException("model answer: facts must be an array", false);
    }
    List<Briefing.Fact> out = new ArrayList<>();
    for (JsonNode item : v) {
      JsonNode kind = item.get("kind");
      JsonNode value = item.get("value");
      if (!item.isObject() || kind == null || value == null || !kind.isTextual() || !value.isValueNode()
          || kind.asText().isBlank() || value.asText().isBlank()) {
        throw new SpeechException("model answer: facts must hold {kind, value} objects", false);
      }
      out.add(new Briefing.Fact(kind.asText().trim(), value.asText().trim()));
    }
    return out;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new SpeechException("model answer: " + field + " must be a string", false);
    }
    return v.asText().trim();
  }

  private static List<String> strings(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      throw new SpeechException("model answer: " + field + " must be an array", false);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isValueNode()) {
        throw new SpeechException("model answer: " + field + " must hold strings", false);
      }
      out.add(item.asText());
    }
    return out;
  }
}

package dev.warmtransfer.bot.jobs;

import dev.warmtransfer.speech.SpeechConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The speech configuration from the same environment variables the service reads: OpenAI when
 * OPENAI_API_KEY is set (any OpenAI-compatible server through OPENAI_BASE_URL), local engines
 * otherwise.
 */
public final class SpeechEnv {
  private SpeechEnv() {}

  public static SpeechConfig fromEnv() {
    return from(System.getenv());
  }

  static SpeechConfig from(Map<String, String> env) {
    SpeechConfig.Builder b = SpeechConfig.builder()
        .apiKey(env.get("OPENAI_API_KEY"))
        .baseUrl(env.get("OPENAI_BASE_URL"));
    set(env, "OPENAI_TRANSCRIPTION_MODEL", b::transcriptionModel);
    set(env, "OPENAI_CHAT_MODEL", b::chatModel);
    set(env, "OPENAI_SPEECH_MODEL", b::speechModel);
    set(env, "OPENAI_VOICE", b::voice);
    String timeout = env.get("OPENAI_TIMEOUT");
    if (timeout != null && !timeout.isBlank()) {
      b.timeout(duration(timeout, "OPENAI_TIMEOUT"));
    }
    String retries = env.get("OPENAI_RETRIES");
    if (retries != null && !retries.isBlank()) {
      try {
        b.retries(Integer.parseInt(retries.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("OPENAI_RETRIES is not a number: " + retries);
      }
    }
    return b.build();
  }

  /** "10s", "500ms", "2m" or a plain number of seconds. */
  static Duration duration(String text, String name) {
    String t = text.trim().toLowerCase();
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
      }
      if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()));
      }
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).trim()));
      }
      return Duration.ofSeconds(Long.parseLong(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a duration (like 10s or 500ms): " + text);
    }
  }

  private static void set(Map<String, String> env, String name, java.util.function.Consumer<String> to) {
    String v = env.get(name);
    if (v != null && !v.isBlank()) {
      to.accept(v.trim());
    }
  }
}

package dev.warmtransfer.speech;

import dev.warmtransfer.speech.openai.OpenAi;
import dev.warmtransfer.speech.summary.FallbackSummarizer;
import dev.warmtransfer.speech.summary.LocalSummarizer;
import dev.warmtransfer.speech.summary.OpenAiSummarizer;
import dev.warmtransfer.speech.summary.Summarizer;
import dev.warmtransfer.speech.transcribe.FallbackTranscriber;
import dev.warmtransfer.speech.transcribe.OpenAiTranscriber;
import dev.warmtransfer.speech.transcribe.PocketsphinxTranscriber;
import dev.warmtransfer.speech.transcribe.Transcriber;
import dev.warmtransfer.speech.tts.EspeakSynthesizer;
import dev.warmtransfer.speech.tts.FallbackSynthesizer;
import dev.warmtransfer.speech.tts.OpenAiSynthesizer;
import dev.warmtransfer.speech.tts.Synthesizer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three capabilities, wired for a configuration: OpenAI with local fallback when a key is
 * set, local engines (pocketsphinx, a rule-based summarizer, espeak-ng) when not.
 */
public record Speech(Transcriber transcriber, Summarizer summarizer, Synthesizer synthesizer, Optional<OpenAi> openai) {
  private static final Logger LOG = LoggerFactory.getLogger(Speech.class);

  public static Speech create(SpeechConfig config) {
    Transcriber localStt = new PocketsphinxTranscriber();
    Summarizer localSummary = new LocalSummarizer();
    Synthesizer localTts = new EspeakSynthesizer();
    if (!config.hasApiKey()) {
      LOG.info("event=speech_configured provider=local reason=\"no OpenAI API key\"");
      return new Speech(localStt, localSummary, localTts, Optional.empty());
    }
    OpenAi openai = new OpenAi(config);
    Fallback fallback = Fallback.of(config);
    LOG.info("event=speech_configured provider=openai fallback=local base_url={} chat_model={}",
        config.baseUrl(), config.chatModel());
    return new Speech(
        new FallbackTranscriber(new OpenAiTranscriber(openai), localStt, fallback),
        new FallbackSummarizer(new OpenAiSummarizer(openai), localSummary, fallback),
        new FallbackSynthesizer(new OpenAiSynthesizer(openai), localTts, fallback),
        Optional.of(openai));
  }

  /** Checks the OpenAI key once, at start-up; a rejected key is logged once and OpenAI is skipped from then on. */
  public void verifyKey() {
    openai.ifPresent(OpenAi::verifyKey);
  }
}

package dev.warmtransfer.speech.tts;

import com.openai.core.http.HttpResponse;
import com.openai.models.audio.speech.SpeechCreateParams;
import dev.warmtransfer.speech.Provider;
import dev.warmtransfer.speech.audio.AudioSink;
import dev.warmtransfer.speech.audio.PcmStream;
import dev.warmtransfer.speech.openai.OpenAi;
import java.io.IOException;
import java.io.InputStream;

/** OpenAI speech as raw PCM (24 kHz, 16-bit mono), handed on chunk by chunk as it arrives. */
public final class OpenAiSynthesizer implements Synthesizer {
  private static final int CHUNK_BYTES = 480 * 2; // 20 ms at 24 kHz
  private final OpenAi openai;

  public OpenAiSynthesizer(OpenAi openai) {
    this.openai = openai;
  }

  @Override
  public Provider speakSentence(String sentence, AudioSink sink) {
    openai.ensureUsable();
    SpeechCreateParams params =
        SpeechCreateParams.builder()
            .input(sentence)
            .model(openai.config().speechModel())
            .voice(openai.config().voice())
            .responseFormat(SpeechCreateParams.ResponseFormat.PCM)
            .build();
    try (HttpResponse response = openai.client().audio().speech().create(params);
        InputStream body = response.body()) {
      PcmStream.pump(body, CHUNK_BYTES, chunk -> sink.write(chunk, SAMPLE_RATE));
      return Provider.OPENAI;
    } catch (IOException | RuntimeException e) {
      throw openai.translate(e);
    }
  }
}

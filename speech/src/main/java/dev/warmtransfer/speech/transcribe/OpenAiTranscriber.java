package dev.warmtransfer.speech.transcribe;

import com.openai.core.MultipartField;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import dev.warmtransfer.speech.Provider;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.audio.Wav;
import dev.warmtransfer.speech.openai.OpenAi;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;

/** Whisper: each utterance goes up as a 16 kHz WAV file (what Whisper resamples to anyway). */
public final class OpenAiTranscriber implements Transcriber {
  static final int UPLOAD_RATE = 16_000;
  private final OpenAi openai;

  public OpenAiTranscriber(OpenAi openai) {
    this.openai = openai;
  }

  @Override
  public Transcription transcribe(PcmAudio utterance, List<String> hints) {
    openai.ensureUsable();
    byte[] wav = Wav.encode(utterance.resampled(UPLOAD_RATE));
    TranscriptionCreateParams.Builder params =
        TranscriptionCreateParams.builder()
            .file(
                MultipartField.<InputStream>builder()
                    .value(new ByteArrayInputStream(wav))
                    .filename("utterance.wav")
                    .contentType("audio/wav")
                    .build())
            .model(openai.config().transcriptionModel());
    if (!hints.isEmpty()) {
      params.prompt(String.join(", ", hints));
    }
    try {
      String text =
          openai.client().audio().transcriptions().create(params.build())
              .transcription()
              .orElseThrow(() -> new IllegalStateException("no transcription in the answer"))
              .text();
      return new Transcription(text.trim(), Provider.OPENAI);
    } catch (RuntimeException e) {
      throw openai.translate(e);
    }
  }
}

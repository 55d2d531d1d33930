package dev.warmtransfer.speech.tts;

import dev.warmtransfer.speech.Provider;
import dev.warmtransfer.speech.SpeechException;
import dev.warmtransfer.speech.audio.AudioSink;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.speech.audio.PcmStream;
import dev.warmtransfer.speech.audio.StreamingResampler;
import dev.warmtransfer.speech.audio.Wav;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's espeak-ng, read from its stdout as it speaks. Its 22.05 kHz is not a whole number of
 * samples per 10 ms, so it is resampled to 24 kHz on the way: the rate OpenAI speaks at too.
 */
public final class EspeakSynthesizer implements Synthesizer {
  static final String COMMAND = "espeak-ng";
  private static final int CHUNK_BYTES = 441 * 2; // 20 ms at 22.05 kHz
  private final String voice;
  private final int wordsPerMinute;

  public EspeakSynthesizer() {
    this("en-us", 160);
  }

  public EspeakSynthesizer(String voice, int wordsPerMinute) {
    if (wordsPerMinute < 80 || wordsPerMinute > 450) {
      throw new IllegalArgumentException("wordsPerMinute outside 80..450: " + wordsPerMinute);
    }
    this.voice = voice;
    this.wordsPerMinute = wordsPerMinute;
  }

  @Override
  public Provider speakSentence(String sentence, AudioSink sink) {
    Process p = null;
    try {
      // Text goes in on stdin, never on the command line: no quoting, no option injection.
      p = new ProcessBuilder(List.of(COMMAND, "-v", voice, "-s", Integer.toString(wordsPerMinute), "--stdout"))
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      try (OutputStream stdin = p.getOutputStream()) {
        stdin.write(sentence.getBytes(StandardCharsets.UTF_8));
      }
      try (InputStream out = p.getInputStream()) {
        Wav.Header header = Wav.readHeader(out);
        if (header.channels() != 1) {
          throw new SpeechException("espeak-ng produced " + header.channels() + " channels", false);
        }
        StreamingResampler resampler = new StreamingResampler(header.sampleRate(), SAMPLE_RATE);
        PcmStream.pump(out, CHUNK_BYTES,
            chunk -> sink.write(Pcm.toBytes(resampler.process(Pcm.toShorts(chunk))), SAMPLE_RATE));
      }
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        throw new SpeechException("espeak-ng did not finish", false);
      }
      return Provider.LOCAL;
    } catch (IOException e) {
      throw new SpeechException("espeak-ng could not run (Debian package espeak-ng): " + e.getMessage(), false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpeechException("interrupted", false, e);
    } finally {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }
}

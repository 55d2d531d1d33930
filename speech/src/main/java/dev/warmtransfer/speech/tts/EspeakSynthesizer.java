package dev.warmtransfer.speech.tts;

import dev.warmtransfer.speech.Provider;
import dev.warmtransfer.speech.SpeechException;
import dev.warmtransfer.speech.audio.AudioSink;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.speech.audio.PcmStream;
import dev.warmtransfer.speech.audio.StreamingResampler;
import dev.warmtransfer.speech.audio.Wav;
import dev.warmtransfer.speech.process.ChildProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Debian's espeak-ng, read from its stdout as it speaks. Its 22.05 kHz is not a whole number of
 * samples per 10 ms, so it is resampled to 24 kHz on the way: the rate OpenAI speaks at too.
 */
public final class EspeakSynthesizer implements Synthesizer {
  static final String COMMAND = "espeak-ng";
  private static final int CHUNK_BYTES = 441 * 2; // 20 ms at 22.05 kHz
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final String command;
  private final String voice;
  private final int wordsPerMinute;
  private final Duration timeout;

  public EspeakSynthesizer() {
    this("en-us", 160);
  }

  public EspeakSynthesizer(String voice, int wordsPerMinute) {
    this(COMMAND, voice, wordsPerMinute, TIMEOUT);
  }

  /** Another program speaking espeak-ng's way, with its own time limit per sentence (tests). */
  EspeakSynthesizer(String command, String voice, int wordsPerMinute, Duration timeout) {
    if (wordsPerMinute < 80 || wordsPerMinute > 450) {
      throw new IllegalArgumentException("wordsPerMinute outside 80..450: " + wordsPerMinute);
    }
    this.command = java.util.Objects.requireNonNull(command, "command");
    this.voice = java.util.Objects.requireNonNull(voice, "voice");
    this.wordsPerMinute = wordsPerMinute;
    this.timeout = java.util.Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public Provider speakSentence(String sentence, AudioSink sink) {
    // Text goes in on stdin, never on the command line: no quoting, no option injection.
    try (ChildProcess p = ChildProcess.start("espeak-ng",
        List.of(command, "-v", voice, "-s", Integer.toString(wordsPerMinute), "--stdout"), timeout)) {
      try (OutputStream stdin = p.stdin()) {
        stdin.write(sentence.getBytes(StandardCharsets.UTF_8));
      }
      try (InputStream out = p.stdout()) {
        Wav.Header header = Wav.readHeader(out);
        if (header.channels() != 1) {
          throw new SpeechException("espeak-ng produced " + header.channels() + " channels", false);
        }
        StreamingResampler resampler = new StreamingResampler(header.sampleRate(), SAMPLE_RATE);
        PcmStream.pump(out, CHUNK_BYTES,
            chunk -> sink.write(Pcm.toBytes(resampler.process(Pcm.toShorts(chunk))), SAMPLE_RATE));
      } catch (IOException e) {
        // A read ended by the watchdog is a timeout, not a broken program.
        if (p.timedOut()) {
          throw p.timeoutError();
        }
        throw e;
      }
      int exit = p.finish();
      if (exit != 0) {
        throw new SpeechException("espeak-ng exited with " + exit, false);
      }
      return Provider.LOCAL;
    } catch (IOException e) {
      throw new SpeechException("espeak-ng could not run (Debian package espeak-ng): " + e.getMessage(), false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpeechException("interrupted", false, e);
    }
  }
}

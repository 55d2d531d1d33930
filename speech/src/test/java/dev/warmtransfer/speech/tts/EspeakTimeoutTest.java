package dev.warmtransfer.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warmtransfer.speech.SpeechException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A synthesizer that hangs half-way through its output is stopped at its time limit. */
class EspeakTimeoutTest {
  /** A WAV header for 22.05 kHz mono, 20 ms of samples, then nothing for 20 s: a hung espeak-ng. */
  static Path hangingEspeak(Path dir) throws Exception {
    Path script = dir.resolve("espeak-hangs");
    Files.writeString(script, """
        #!/bin/sh
        # RIFF header with unknown length (as espeak-ng --stdout writes it), fmt PCM 1 ch 22050 Hz 16 bit
        printf 'RIFF\\377\\377\\377\\377WAVEfmt \\020\\000\\000\\000\\001\\000\\001\\000\\042\\126\\000\\000\\104\\254\\000\\000\\002\\000\\020\\000data\\377\\377\\377\\377'
        head -c 882 /dev/zero
        exec sleep 20
        """);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Test
  void aChildThatHangsMidOutputIsKilledAtTheTimeout(@TempDir Path dir) throws Exception {
    EspeakSynthesizer hung = new EspeakSynthesizer(hangingEspeak(dir).toString(), "en-us", 160, Duration.ofSeconds(1));
    ByteArrayOutputStream heard = new ByteArrayOutputStream();
    long start = System.nanoTime();
    assertThatThrownBy(() -> hung.speakSentence("Hello there.", (pcm, rate) -> heard.writeBytes(pcm)))
        .isInstanceOf(SpeechException.class)
        .hasMessageContaining("espeak-ng");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).as("stopped near its 1 s limit, not when the child chose to exit").isLessThan(Duration.ofSeconds(5));
    assertThat(heard.size()).as("what it said before hanging was passed on").isPositive();
  }
}

package dev.warmtransfer.speech.transcribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warmtransfer.speech.SpeechException;
import dev.warmtransfer.speech.audio.PcmAudio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recognizer that hangs half-way through its output is stopped at its time limit. */
class PocketsphinxTimeoutTest {
  @Test
  void aChildThatHangsMidOutputIsKilledAtTheTimeout(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("pocketsphinx-hangs");
    Files.writeString(script, """
        #!/bin/sh
        echo "hello"
        exec sleep 20
        """);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    PocketsphinxTranscriber hung = new PocketsphinxTranscriber(script.toString(), Duration.ofSeconds(1));
    hung.grammar(List.of("hello")); // loads the dictionary first: the clock is for the child alone
    long start = System.nanoTime();
    assertThatThrownBy(() -> hung.transcribe(new PcmAudio(new short[16_000], 16_000), List.of()))
        .isInstanceOf(SpeechException.class)
        .hasMessageContaining("pocketsphinx");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}

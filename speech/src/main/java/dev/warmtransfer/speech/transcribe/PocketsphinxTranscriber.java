package dev.warmtransfer.speech.transcribe;

import dev.warmtransfer.speech.Provider;
import dev.warmtransfer.speech.SpeechException;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.audio.Wav;
import dev.warmtransfer.speech.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Debian's pocketsphinx (model from pocketsphinx-en-us). Its general language model garbles
 * synthetic and telephone speech, so given hints it recognizes against a JSGF grammar of them:
 * each hint phrase as a whole, plus any of their words in any order.
 */
public final class PocketsphinxTranscriber implements Transcriber {
  static final String COMMAND = "pocketsphinx_continuous";
  static final Path DICTIONARY = Path.of("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");
  private static final int RATE = 16_000;
  static final Duration TIMEOUT = Duration.ofSeconds(120);
  private final String command;
  private final Duration timeout;
  private volatile Set<String> dictionary;

  public PocketsphinxTranscriber() {
    this(COMMAND, TIMEOUT);
  }

  /** Another program answering pocketsphinx's way, with its own time limit (tests). */
  PocketsphinxTranscriber(String command, Duration timeout) {
    this.command = java.util.Objects.requireNonNull(command, "command");
    this.timeout = java.util.Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public Transcription transcribe(PcmAudio utterance, List<String> hints) {
    return transcribe(utterance, grammar(hints));
  }

  /**
   * Recognizes against a JSGF grammar of the caller's own (null: the general language model), for
   * when the shape of what was said is known, e.g. exactly where an account number's digits go.
   */
  public Transcription transcribe(PcmAudio utterance, String grammar) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("pocketsphinx-");
      Path wav = dir.resolve("utterance.wav");
      Files.write(wav, Wav.encode(utterance.resampled(RATE)));
      List<String> cmd = new ArrayList<>(List.of(command, "-infile", wav.toString(), "-logfn", "/dev/null"));
      if (grammar != null) {
        Path gram = dir.resolve("hints.gram");
        Files.writeString(gram, grammar, StandardCharsets.UTF_8);
        cmd.addAll(List.of("-jsgf", gram.toString()));
      }
      byte[] out;
      try (ChildProcess p = ChildProcess.start("pocketsphinx", cmd, timeout)) {
        p.stdin().close();
        out = p.stdout().readAllBytes();
        int exit = p.finish(); // a hung child was killed by then, and this says so
        if (exit != 0) {
          throw new SpeechException("pocketsphinx exited with " + exit, false);
        }
      }
      String text =
          new String(out, StandardCharsets.UTF_8).lines().map(String::trim).filter(l -> !l.isEmpty())
              .collect(Collectors.joining(" "));
      return new Transcription(text, Provider.LOCAL);
    } catch (IOException e) {
      throw new SpeechException("pocketsphinx could not run (Debian packages pocketsphinx, pocketsphinx-en-us): "
          + e.getMessage(), false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpeechException("interrupted", false, e);
    } finally {
      deleteQuietly(dir);
    }
  }

  /** A JSGF grammar of the hints' phrases and words, keeping only words the dictionary knows. */
  String grammar(List<String> hints) {
    Set<String> dict = dictionary();
    Set<String> words = new LinkedHashSet<>();
    Set<String> phrases = new LinkedHashSet<>();
    for (String hint : hints) {
      List<String> known = new ArrayList<>();
      for (String w : hint.toLowerCase(Locale.ROOT).split("[^a-z']+")) {
        if (!w.isEmpty() && dict.contains(w)) {
          known.add(w);
        }
      }
      words.addAll(known);
      if (known.size() > 1) {
        phrases.add(String.join(" ", known));
      }
    }
    if (words.isEmpty()) {
      return null;
    }
    List<String> alternatives = new ArrayList<>(phrases);
    alternatives.add("<word>");
    return "#JSGF V1.0;\ngrammar hints;\n<word> = " + String.join(" | ", words) + ";\n"
        + "public <utterance> = ( " + String.join(" | ", alternatives) + " )* ;\n";
  }

  private Set<String> dictionary() {
    Set<String> d = dictionary;
    if (d == null) {
      try {
        d = Files.lines(DICTIONARY).map(l -> l.split("\\s+", 2)[0])
            .filter(w -> !w.contains("(")).collect(Collectors.toUnmodifiableSet());
      } catch (IOException e) {
        throw new UncheckedIOException("pocketsphinx dictionary missing at " + DICTIONARY, e);
      }
      dictionary = d;
    }
    return d;
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      files.forEach(f -> f.toFile().delete());
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // a temp folder left behind is not worth failing a transcription for
    }
  }
}

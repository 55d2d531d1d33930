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
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Debian's pocketsphinx (model from pocketsphinx-en-us). Its general language model garbles
 * synthetic and telephone speech, so given hints it recognizes against a JSGF grammar of them:
 * each hint phrase as a whole, plus any of their words in any order. An utterance that seems to
 * hold an identifier said digit by digit is heard again with a grammar made for it
 * ({@link SpokenIdentifiers}).
 */
public final class PocketsphinxTranscriber implements Transcriber {
  static final String COMMAND = "pocketsphinx_continuous";
  static final Path DICTIONARY = Path.of("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");
  static final Path FEATURE_PARAMS = Path.of("/usr/share/pocketsphinx/model/en-us/en-us/feat.params");
  private static final int RATE = 16_000;
  /** pocketsphinx's log line after each utterance: the cepstral mean it measured. */
  private static final Pattern CMN_UPDATE = Pattern.compile("Update to\\s*<([-0-9.\\s]+)>");
  /**
   * For identifiers: frequency warping by 0.85 and wider beams. Tuned on espeak-ng's voice (the
   * only voice measured, so a guess for people): with the speaker's own mean and exactly eight
   * digits allowed, 12 of 20 numbers came out right at 0.85, 5 unwarped, 0 at 1.25; narrower beams
   * lost the grammar's end (no hearing at all) on a third of utterances.
   */
  private static final List<String> WARPED = List.of("-warp_params", "0.85");
  private static final List<String> IDENTIFIER_ARGS =
      List.of("-warp_params", "0.85", "-beam", "1e-80", "-wbeam", "1e-60", "-pbeam", "1e-80");
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
    return inTempDir(utterance, (dir, wav) -> {
      String grammar = grammar(hints);
      String first = decode(dir, wav, grammar, List.of()).text();
      // A first hearing with a cue and digits in a row already has its identifier (a hint phrase
      // that held one matched); heard again, words after the digits would become digits.
      if (!SpokenIdentifiers.mayHoldOne(first) || SpokenIdentifiers.hasOne(first)) {
        return first;
      }
      String identifier = identifier(dir, utterance, grammar);
      return identifier != null ? identifier : first;
    });
  }

  /**
   * Recognizes against a JSGF grammar of the caller's own (null: the general language model), for
   * when the shape of what was said is known, e.g. exactly where an account number's digits go.
   */
  public Transcription transcribe(PcmAudio utterance, String grammar) {
    return inTempDir(utterance, (dir, wav) -> decode(dir, wav, grammar, List.of()).text());
  }

  /**
   * The utterance heard again as "... account number is" and digits, or null when it does not
   * fit that shape. A first pass only measures this speaker's cepstral mean, which the others
   * start from: each utterance is a fresh pocketsphinx, so without it recognition starts from the
   * model's own mean, far from a telephone or synthetic voice, and the first words come out wrong.
   * Then the hints' grammar again, which decides whether digits were said at all (the identifier
   * grammar finds digits in anything), and the identifier grammar.
   */
  private String identifier(Path dir, PcmAudio utterance, String hintGrammar) throws IOException, InterruptedException {
    // pocketsphinx logs its mean when it hears an utterance end: after some silence.
    Path padded = dir.resolve("padded.wav");
    short[] pcm = utterance.resampled(RATE).samples();
    Files.write(padded, Wav.encode(new PcmAudio(Arrays.copyOf(pcm, pcm.length + RATE * 3 / 10), RATE)));
    String mean = decode(dir, padded, SpokenIdentifiers.GRAMMAR, IDENTIFIER_ARGS).cepstralMean();
    if (mean == null) {
      return null;
    }
    Path params = startingFrom(dir, mean);
    String again = decode(dir, padded, hintGrammar, with(WARPED, params)).text();
    if (!SpokenIdentifiers.heardDigits(again)) {
      return null;
    }
    String heard = decode(dir, padded, SpokenIdentifiers.GRAMMAR, with(IDENTIFIER_ARGS, params)).text();
    return SpokenIdentifiers.digitsOf(heard).length() >= 4 ? heard : null;
  }

  /** Feature parameters that start recognition from the given cepstral mean instead of the model's. */
  private static Path startingFrom(Path dir, String cepstralMean) throws IOException {
    Path params = Files.createTempFile(dir, "feat", ".params");
    Files.writeString(params, Files.readString(FEATURE_PARAMS).replaceAll(
        "(?m)^-cmninit .*$", "-cmninit " + cepstralMean));
    return params;
  }

  private static List<String> with(List<String> args, Path featureParams) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("-featparams", featureParams.toString()));
    return all;
  }

  private record Decoded(String text, String cepstralMean) {}

  private interface Work {
    String run(Path dir, Path wav) throws IOException, InterruptedException;
  }

  private Transcription inTempDir(PcmAudio utterance, Work work) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("pocketsphinx-");
      Path wav = dir.resolve("utterance.wav");
      Files.write(wav, Wav.encode(utterance.resampled(RATE)));
      return new Transcription(work.run(dir, wav), Provider.LOCAL);
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

  /** One pocketsphinx run: the words it heard, and the cepstral mean its log ends with (or null). */
  private Decoded decode(Path dir, Path wav, String grammar, List<String> extra)
      throws IOException, InterruptedException {
    Path log = dir.resolve("decode.log");
    List<String> cmd = new ArrayList<>(List.of(command, "-infile", wav.toString(), "-logfn", log.toString()));
    if (grammar != null) {
      Path gram = dir.resolve("grammar.gram");
      Files.writeString(gram, grammar, StandardCharsets.UTF_8);
      cmd.addAll(List.of("-jsgf", gram.toString()));
    }
    cmd.addAll(extra);
    byte[] out;
    try (ChildProcess p = ChildProcess.start("pocketsphinx", cmd, timeout)) {
      p.stdin().close();
      out = p.stdout().readAllBytes();
      int exit = p.finish(); // a hung child was killed by then, and this says so
      if (exit != 0) {
        throw new SpeechException("pocketsphinx exited with " + exit, false);
      }
    }
    String text = new String(out, StandardCharsets.UTF_8).lines().map(String::trim).filter(l -> !l.isEmpty())
        .collect(Collectors.joining(" "));
    String mean = null;
    if (Files.exists(log)) {
      Matcher m = CMN_UPDATE.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
      while (m.find()) {
        mean = String.join(",", m.group(1).trim().split("\\s+"));
      }
    }
    return new Decoded(text, mean);
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

package dev.warmtransfer.speech.transcribe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The call so far, ordered by when each utterance started, whatever order they were transcribed in. */
public final class Transcript {
  private final List<Segment> segments = new ArrayList<>();

  public synchronized void add(Segment segment) {
    segments.add(segment);
    segments.sort(Comparator.comparingLong(Segment::startMs).thenComparing(Segment::speaker));
  }

  public synchronized List<Segment> segments() {
    return List.copyOf(segments);
  }

  /** "speaker: text" lines, the form the summarizers read. */
  public synchronized String text() {
    return segments.stream()
        .filter(s -> !s.text().isBlank())
        .map(s -> s.speaker() + ": " + s.text())
        .collect(Collectors.joining("\n"));
  }
}

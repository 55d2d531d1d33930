package dev.warmtransfer.speech.transcribe;

import dev.warmtransfer.speech.Provider;

/** One utterance of the call: who said it, when (ms from the call's start), what, and which engine heard it. */
public record Segment(String speaker, long startMs, long endMs, String text, Provider provider) {}

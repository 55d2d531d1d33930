package dev.warmtransfer.speech.transcribe;

import dev.warmtransfer.speech.Provider;

/** What an engine heard in one utterance, and which engine it was. */
public record Transcription(String text, Provider provider) {}

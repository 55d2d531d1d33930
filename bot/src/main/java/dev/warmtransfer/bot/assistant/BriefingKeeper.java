package dev.warmtransfer.bot.assistant;

import dev.warmtransfer.speech.summary.BriefingCards;
import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.speech.summary.Summarizer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a briefing of the call up to date as it goes, so a transfer never waits for a summary:
 * the local summarizer after every final segment (coalesced: while one runs, the next waits for it
 * and then reads the latest transcript), OpenAI's at most once per interval. A newer briefing
 * never loses to an older one that finishes later.
 */
final class BriefingKeeper {
  private static final Logger LOG = LoggerFactory.getLogger(BriefingKeeper.class);
  private final Summarizer local;
  private final Optional<Summarizer> remote;
  private final long remoteIntervalMs;
  private final Executor executor;
  private final Supplier<String> transcript;
  private final Consumer<BriefingCard> out;
  private final AtomicBoolean localRunning = new AtomicBoolean();
  private final AtomicBoolean localAgain = new AtomicBoolean();
  private final AtomicBoolean remoteRunning = new AtomicBoolean();
  private volatile long lastRemoteAtMs = Long.MIN_VALUE / 2;
  private volatile long latestMadeAtMs;
  private volatile BriefingCard latest;

  BriefingKeeper(Summarizer local, Optional<Summarizer> remote, Duration remoteInterval, Executor executor,
      Supplier<String> transcript, Consumer<BriefingCard> out) {
    this.local = Objects.requireNonNull(local, "local");
    this.remote = Objects.requireNonNull(remote, "remote");
    this.remoteIntervalMs = remoteInterval.toMillis();
    this.executor = Objects.requireNonNull(executor, "executor");
    this.transcript = Objects.requireNonNull(transcript, "transcript");
    this.out = Objects.requireNonNull(out, "out");
  }

  /** A final segment arrived. */
  void update() {
    if (!localRunning.compareAndSet(false, true)) {
      localAgain.set(true);
      return;
    }
    executor.execute(this::runLocal);
    long now = System.currentTimeMillis();
    if (remote.isPresent() && now - lastRemoteAtMs >= remoteIntervalMs && remoteRunning.compareAndSet(false, true)) {
      lastRemoteAtMs = now;
      executor.execute(this::runRemote);
    }
  }

  BriefingCard latest() {
    return latest;
  }

  private void runLocal() {
    try {
      do {
        localAgain.set(false);
        summarize(local);
      } while (localAgain.get());
    } finally {
      localRunning.set(false);
    }
    if (localAgain.get() && localRunning.compareAndSet(false, true)) {
      executor.execute(this::runLocal);
    }
  }

  private void runRemote() {
    try {
      summarize(remote.orElseThrow());
    } finally {
      remoteRunning.set(false);
    }
  }

  private void summarize(Summarizer summarizer) {
    long startedAt = System.currentTimeMillis();
    String text = transcript.get();
    if (text.isBlank()) {
      return;
    }
    try {
      BriefingCard card = BriefingCards.of(summarizer.summarize(text, ""), "", startedAt);
      synchronized (this) {
        // OpenAI's answer to an older transcript must not replace a local one of a newer transcript.
        if (startedAt < latestMadeAtMs) {
          return;
        }
        latestMadeAtMs = startedAt;
        latest = card;
      }
      out.accept(card);
    } catch (RuntimeException e) {
      LOG.warn("event=running_briefing_failed error=\"{}\"", e.toString());
    }
  }
}

package dev.warmtransfer.speech;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure policy of this module: try the remote provider, retry what a retry can fix
 * (timeouts, 429, 5xx) with exponential backoff, then let the local provider answer. Callers
 * never see the remote failure; the log says which provider answered and why.
 */
public final class Fallback {
  private static final Logger LOG = LoggerFactory.getLogger(Fallback.class);
  private final int retries;
  private final Duration backoff;

  public Fallback(int retries, Duration backoff) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries < 0");
    }
    this.retries = retries;
    this.backoff = backoff;
  }

  public static Fallback of(SpeechConfig config) {
    return new Fallback(config.retries(), config.backoff());
  }

  public <T> T call(String capability, Callable<T> remote, Supplier<T> local) {
    int attempt = 0;
    long sleepMs = backoff.toMillis();
    while (true) {
      attempt++;
      try {
        T result = remote.call();
        LOG.info("event=speech_answered capability={} provider=openai attempts={}", capability, attempt);
        return result;
      } catch (SpeechException e) {
        if (!e.retryable() || attempt > retries) {
          LOG.warn(
              "event=speech_fallback capability={} provider=local attempts={} reason=\"{}\"",
              capability, attempt, e.getMessage());
          return local.get();
        }
        LOG.info("event=speech_retry capability={} attempt={} reason=\"{}\"", capability, attempt, e.getMessage());
      } catch (Exception e) {
        LOG.warn(
            "event=speech_fallback capability={} provider=local attempts={} reason=\"{}\"",
            capability, attempt, e.getClass().getSimpleName());
        return local.get();
      }
      try {
        Thread.sleep(sleepMs);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return local.get();
      }
      sleepMs *= 2;
    }
  }
}

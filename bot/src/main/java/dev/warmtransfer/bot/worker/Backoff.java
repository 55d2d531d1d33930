package dev.warmtransfer.bot.worker;

import java.time.Duration;
import java.util.Objects;

/**
 * Waits between reconnect attempts: doubling from {@code first} up to {@code max}, spread by up to
 * a fifth (never above {@code max}) so that workers that lost LiveKit together do not all come back at once.
 */
public record Backoff(Duration first, Duration max) {
  public Backoff {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (first.isNegative() || first.isZero()) {
      throw new IllegalArgumentException("first <= 0: " + first);
    }
    if (max.compareTo(first) < 0) {
      throw new IllegalArgumentException("max < first: " + max);
    }
  }

  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));
  }

  /**
   * @param attempt 1 for the first retry
   * @param random01 a uniform random number in [0, 1) (a parameter so that tests can pin it)
   */
  public Duration delay(int attempt, double random01) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt < 1: " + attempt);
    }
    if (random01 < 0 || random01 >= 1) {
      throw new IllegalArgumentException("random01 outside [0, 1): " + random01);
    }
    long firstMs = first.toMillis();
    long maxMs = max.toMillis();
    long base = attempt > 30 ? maxMs : Math.min(maxMs, firstMs << (attempt - 1));
    return Duration.ofMillis(Math.min(maxMs, Math.round(base * (0.8 + 0.4 * random01))));
  }
}

package dev.warmtransfer.service.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void burstThenSteadyRatePerKey() {
    RateLimiter limiter = new RateLimiter(2, 3, 100, now::get);
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isEqualTo(1); // empty: half a second to the next token, rounded up
    assertThat(limiter.acquire("b")).as("another key has its own bucket").isZero();
    now.addAndGet(500_000_000L);
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isPositive();
  }

  @Test
  void slowRatesSayHowLongToWait() {
    RateLimiter limiter = new RateLimiter(0.1, 1, 100, now::get);
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isEqualTo(10);
  }

  @Test
  void manyKeysDoNotGrowWithoutBound() {
    RateLimiter limiter = new RateLimiter(1, 1, 10, now::get);
    for (int i = 0; i < 1_000; i++) {
      limiter.acquire("k" + i);
      now.addAndGet(2_000_000_000L);
    }
    // Every bucket refilled long ago: the limiter forgets them instead of keeping 1,000.
    assertThat(limiter.size()).isLessThanOrEqualTo(10);
  }
}

package dev.warmtransfer.service.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (an address, an API key): {@code perSecond} steady, {@code burst} at once.
 * Memory stays bounded: past {@code maxKeys}, buckets that have refilled completely are dropped
 * (a full bucket and no bucket behave the same).
 */
public final class RateLimiter {
  private final double perSecond;
  private final double burst;
  private final int maxKeys;
  private final LongSupplier nanos;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private long lastSweep = Long.MIN_VALUE / 2;

  public RateLimiter(double perSecond, int burst, int maxKeys, LongSupplier nanos) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("perSecond must be > 0: " + perSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst < 1: " + burst);
    }
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys < 1: " + maxKeys);
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.maxKeys = maxKeys;
    this.nanos = nanos;
  }

  /** Takes one token for {@code key}: 0 when allowed, else the seconds to wait before one is there. */
  public long acquire(String key) {
    long now = nanos.getAsLong();
    if (buckets.size() >= maxKeys) {
      sweep(now);
    }
    return buckets.computeIfAbsent(key, k -> new Bucket(now)).take(now);
  }

  /** Keys remembered now. */
  int size() {
    return buckets.size();
  }

  /** At most once a second; if every bucket is still in use, all are forgotten rather than grow. */
  private synchronized void sweep(long now) {
    if (buckets.size() < maxKeys || now - lastSweep < 1_000_000_000L) {
      return;
    }
    lastSweep = now;
    buckets.values().removeIf(b -> b.isFullAt(now));
    if (buckets.size() >= maxKeys) {
      buckets.clear();
    }
  }

  private final class Bucket {
    private double tokens = burst;
    private long at;

    Bucket(long now) {
      this.at = now;
    }

    synchronized long take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }

    synchronized boolean isFullAt(long now) {
      refill(now);
      return tokens >= burst;
    }

    private void refill(long now) {
      tokens = Math.min(burst, tokens + (now - at) / 1e9 * perSecond);
      at = now;
    }
  }
}

package dev.warmtransfer.service.health;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The last result of a check that asks another system, reused for a moment: a flood of /health or
 * /ready requests must not become a flood of requests to LiveKit or the database.
 */
final class CachedResults<T> {
  private final Supplier<T> source;
  private final long maxAgeNanos;
  private final LongSupplier nanos;
  private T last;
  private long at;

  CachedResults(Supplier<T> source, long maxAgeMillis, LongSupplier nanos) {
    this.source = source;
    this.maxAgeNanos = maxAgeMillis * 1_000_000L;
    this.nanos = nanos;
  }

  synchronized T get() {
    long now = nanos.getAsLong();
    if (last == null || now - at >= maxAgeNanos) {
      last = source.get();
      at = nanos.getAsLong();
    }
    return last;
  }
}

package dev.warmtransfer.service.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HeavyWorkTest {
  @Test
  void aFullPoolRefusesAtOnceWith503() throws Exception {
    HeavyWork pool = new HeavyWork(1, 0, Duration.ofSeconds(30));
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> pool.run("summary", () -> {
        running.countDown();
        release.await();
        return "done";
      }));
      assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> pool.run("summary", () -> "second"))
          .isInstanceOfSatisfying(BusyException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.retryAfterSeconds()).isPositive();
          });
      release.countDown();
      assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("done");
      assertThat(pool.run("summary", () -> "third")).isEqualTo("third");
    } finally {
      release.countDown();
      pool.stop();
    }
  }

  @Test
  void workPastItsDeadlineIs503AndItsThreadIsInterrupted() throws Exception {
    HeavyWork pool = new HeavyWork(1, 1, Duration.ofMillis(200));
    CountDownLatch interrupted = new CountDownLatch(1);
    try {
      assertThatThrownBy(() -> pool.run("summary", () -> {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          interrupted.countDown();
        }
        return "late";
      })).isInstanceOfSatisfying(BusyException.class, e -> assertThat(e.getMessage()).contains("longer than"));
      assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.stop();
    }
  }

  @Test
  void theWorksOwnFailureReachesTheCaller() {
    HeavyWork pool = new HeavyWork(1, 1, Duration.ofSeconds(5));
    try {
      assertThatThrownBy(() -> pool.run("summary", () -> {
        throw new IllegalArgumentException("transcript");
      })).isInstanceOf(IllegalArgumentException.class).hasMessage("transcript");
    } finally {
      pool.stop();
    }
  }
}

package dev.warmtransfer.bot.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WorkerBudgetTest {
  @Test
  void aWorkerIsDoneAfterItsCalls() {
    WorkerBudget budget = new WorkerBudget(3, 100L << 20, () -> 500L << 20);
    budget.callEnded();
    budget.callEnded();
    assertThat(budget.exhausted()).isNull();
    budget.callEnded();
    assertThat(budget.exhausted()).isEqualTo("took 3 calls (limit 3)");
  }

  @Test
  void aWorkerIsDoneWhenItGrewPastItsMemoryBudgetWhateverTheCallCount() {
    AtomicLong rss = new AtomicLong(300L << 20);
    WorkerBudget budget = new WorkerBudget(200, 128L << 20, rss::get);
    rss.set(427L << 20);
    assertThat(budget.exhausted()).isNull();
    rss.set(428L << 20);
    assertThat(budget.exhausted()).isEqualTo("grew 128 MB (limit 128 MB)");
  }

  @Test
  void thisProcessHasAResidentSize() {
    assertThat(WorkerBudget.residentBytes()).isGreaterThan(10L << 20);
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> new WorkerBudget(0, 1, () -> 0)).hasMessageContaining("maxCalls");
    assertThatThrownBy(() -> new WorkerBudget(1, 0, () -> 0)).hasMessageContaining("maxGrowthBytes");
  }
}

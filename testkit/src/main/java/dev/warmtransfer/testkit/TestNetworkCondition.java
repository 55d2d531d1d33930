package dev.warmtransfer.testkit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** See {@link RequiresTestNetwork}. */
public final class TestNetworkCondition implements ExecutionCondition {
  static final String WHY = "needs the test network: run inside scripts/testnet.sh exec (root or sudo)";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String ip = System.getenv("WT_TEST_IP");
    if (ip != null && !ip.isBlank()) {
      return ConditionEvaluationResult.enabled("inside the test network (" + ip + ")");
    }
    if (isCi()) {
      // Thrown, not disabled: JUnit reports the test as failed.
      throw new IllegalStateException("CI=true but this test " + WHY);
    }
    return ConditionEvaluationResult.disabled(WHY);
  }

  static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}

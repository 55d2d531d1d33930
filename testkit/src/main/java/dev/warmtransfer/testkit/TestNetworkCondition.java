package dev.warmtransfer.testkit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** See {@link RequiresTestNetwork}. */
public final class TestNetworkCondition implements ExecutionCondition {
  static final String WHY = "needs the test network: run inside scripts/testnet.sh exec (root or sudo)";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return decide(System.getenv("WT_TEST_IP"), System.getenv("CI"));
  }

  /** Enabled inside the namespace; else disabled, or under CI=true an exception (a failed test). */
  static ConditionEvaluationResult decide(String testIp, String ci) {
    if (testIp != null && !testIp.isBlank()) {
      return ConditionEvaluationResult.enabled("inside the test network (" + testIp + ")");
    }
    if ("true".equalsIgnoreCase(ci)) {
      // Thrown, not disabled: JUnit reports the test as failed.
      throw new IllegalStateException("CI=true but this test " + WHY);
    }
    return ConditionEvaluationResult.disabled(WHY);
  }
}

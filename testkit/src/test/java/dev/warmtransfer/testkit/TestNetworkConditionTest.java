package dev.warmtransfer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestNetworkConditionTest {
  @Test
  void runsInsideTheTestNetwork() {
    assertThat(TestNetworkCondition.decide("198.18.0.1", "true").isDisabled()).isFalse();
    assertThat(TestNetworkCondition.decide("198.18.0.1", null).isDisabled()).isFalse();
  }

  @Test
  void skipsOnADevelopersMachineWithoutIt() {
    assertThat(TestNetworkCondition.decide(null, null).isDisabled()).isTrue();
    assertThat(TestNetworkCondition.decide("", "false").isDisabled()).isTrue();
  }

  @Test
  void failsUnderCiWithoutIt() {
    assertThatThrownBy(() -> TestNetworkCondition.decide(null, "true"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CI=true")
        .hasMessageContaining("scripts/testnet.sh exec");
  }
}

package dev.warmtransfer.bot.briefer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecisionsTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void acceptAndDeclineWithAReason() {
    var d = Decisions.parse(b("{\"transferId\":\"T1\",\"accepted\":false,\"reason\":\"not my team\"}"), "T1", "bob").orElseThrow();
    assertThat(d.getAccepted()).isFalse();
    assertThat(d.getReason()).isEqualTo("not my team");
    assertThat(d.getAgentIdentity()).isEqualTo("bob");
    assertThat(Decisions.parse(b("{\"accepted\":true}"), "T1", "bob").orElseThrow().getAccepted()).isTrue();
  }

  @Test
  void anotherTransferOrGarbageIsNoDecision() {
    assertThat(Decisions.parse(b("{\"transferId\":\"T2\",\"accepted\":true}"), "T1", "bob")).isEmpty();
    assertThat(Decisions.parse(b("{\"accepted\":\"yes\"}"), "T1", "bob")).isEmpty();
    assertThat(Decisions.parse(b("not json"), "T1", "bob")).isEmpty();
    assertThat(Decisions.parse(b("[1]"), "T1", "bob")).isEmpty();
  }

  @Test
  void aLongReasonIsCut() {
    String reason = "x".repeat(2_000);
    var d = Decisions.parse(b("{\"accepted\":false,\"reason\":\"" + reason + "\"}"), "T1", "bob").orElseThrow();
    assertThat(d.getReason()).hasSize(Decisions.MAX_REASON_CHARS);
  }
}

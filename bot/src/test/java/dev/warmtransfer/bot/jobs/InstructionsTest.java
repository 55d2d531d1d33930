package dev.warmtransfer.bot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.proto.BotInstruction;
import dev.warmtransfer.proto.HoldOn;
import org.junit.jupiter.api.Test;

class InstructionsTest {
  private static byte[] holdOn(String id) {
    return BotInstruction.newBuilder().setInstructionId(id).setHoldOn(HoldOn.getDefaultInstance()).build().toByteArray();
  }

  @Test
  void eachInstructionIsAppliedOnce() {
    Instructions in = new Instructions();
    assertThat(in.accept("", "wt.bot", holdOn("i-1"))).isPresent();
    assertThat(in.accept("", "wt.bot", holdOn("i-1"))).isEmpty();
    assertThat(in.accept("", "wt.bot", holdOn("i-2"))).isPresent();
  }

  @Test
  void onlyTheServerMayInstruct() {
    Instructions in = new Instructions();
    assertThat(in.accept("caller-1", "wt.bot", holdOn("i-1"))).as("sent by a participant").isEmpty();
    assertThat(in.accept("", "wt.bot", holdOn("i-1"))).as("the same id from the server still applies").isPresent();
  }

  @Test
  void otherTopicsMalformedOrIdlessPayloadsAreIgnored() {
    Instructions in = new Instructions();
    assertThat(in.accept("", "wt.transfer", holdOn("i-1"))).isEmpty();
    assertThat(in.accept("", "wt.bot", new byte[] {(byte) 0xff, 0x01, 0x02})).isEmpty();
    assertThat(in.accept("", "wt.bot", holdOn(""))).isEmpty();
  }
}

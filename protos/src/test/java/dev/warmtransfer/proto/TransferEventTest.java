package dev.warmtransfer.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TransferEventTest {
  @Test
  void survivesTheWire() throws Exception {
    TransferEvent sent =
        TransferEvent.newBuilder()
            .setTransferId("t-1")
            .setPhase(TransferPhase.TRANSFER_PHASE_BRIEFING)
            .setFromRoom("support-call-001")
            .setAgentB("agent-bob")
            .setAtMs(1726502400000L)
            .build();
    TransferEvent received = TransferEvent.parseFrom(sent.toByteArray());
    assertEquals(sent, received);
    assertEquals(TransferPhase.TRANSFER_PHASE_BRIEFING, received.getPhase());
  }

  @Test
  void botJobCarriesExactlyOneKind() throws Exception {
    BotJob job =
        BotJob.newBuilder()
            .setJobId("j-1")
            .setRoom("handoff")
            .setBriefing(Briefing.newBuilder().setListenerIdentity("agent-bob").setSpokenText("Hello."))
            .setHold(Hold.newBuilder().setCallerIdentity("caller-123"))
            .build();
    // oneof: the last kind set wins, so a job can never ask for two things at once.
    assertEquals(BotJob.KindCase.HOLD, BotJob.parseFrom(job.toByteArray()).getKindCase());
  }
}

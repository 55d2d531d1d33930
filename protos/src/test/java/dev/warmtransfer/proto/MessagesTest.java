package dev.warmtransfer.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class MessagesTest {
  @Test
  void jobSpecSurvivesDispatchMetadata() throws Exception {
    JobSpec sent =
        JobSpec.newBuilder()
            .setKind(JobSpec.Kind.BRIEFER)
            .setRoom("support-call-001-transfer-k3j2")
            .setTransferId("tr-1")
            .setListenerIdentity("agent-bob")
            .setBriefing(BriefingCard.newBuilder().setSpoken("Account 1 2 3 4 5.")
                .addFacts(Fact.newBuilder().setKind("account").setValue("12345")))
            .setAttempt(1)
            .build();
    // Dispatch metadata is a string: the spec travels base64-encoded.
    String metadata = Base64.getEncoder().encodeToString(sent.toByteArray());
    JobSpec received = JobSpec.parseFrom(Base64.getDecoder().decode(metadata));
    assertEquals(sent, received);
  }

  @Test
  void instructionCarriesExactlyOneKind() throws Exception {
    BotInstruction i =
        BotInstruction.newBuilder()
            .setInstructionId("i-1")
            .setHoldOn(HoldOn.newBuilder().setCallerIdentity("caller-123"))
            .setSay(Say.newBuilder().setText("Thanks for holding."))
            .build();
    // oneof: the last kind set wins, so one instruction never asks for two things at once.
    assertEquals(BotInstruction.KindCase.SAY, BotInstruction.parseFrom(i.toByteArray()).getKindCase());
  }
}

package dev.warmtransfer.bot.jobs;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.warmtransfer.proto.BotInstruction;
import dev.warmtransfer.proto.Topics;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's instructions to a job, each applied once. Only data LiveKit's server API sent
 * (no sender identity) is obeyed: a participant in the room cannot order the bot about.
 */
public final class Instructions {
  private static final Logger LOG = LoggerFactory.getLogger(Instructions.class);
  private static final int REMEMBERED = 1_000;
  private final Set<String> seen = new HashSet<>();
  private final Deque<String> order = new ArrayDeque<>();

  /** The instruction to apply, or empty (not ours, not from the server, malformed, or already applied). */
  public synchronized Optional<BotInstruction> accept(String fromIdentity, String topic, byte[] payload) {
    if (!Topics.BOT_INSTRUCTION.equals(topic)) {
      return Optional.empty();
    }
    if (fromIdentity != null && !fromIdentity.isEmpty()) {
      LOG.warn("event=instruction_refused from={} reason=\"not from the service\"", fromIdentity);
      return Optional.empty();
    }
    BotInstruction i;
    try {
      i = BotInstruction.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      LOG.warn("event=instruction_malformed bytes={}", payload.length);
      return Optional.empty();
    }
    if (i.getInstructionId().isEmpty() || !seen.add(i.getInstructionId())) {
      LOG.info("event=instruction_skipped id={} reason={}", i.getInstructionId(),
          i.getInstructionId().isEmpty() ? "no id" : "already applied");
      return Optional.empty();
    }
    order.addLast(i.getInstructionId());
    if (order.size() > REMEMBERED) {
      seen.remove(order.removeFirst());
    }
    return Optional.of(i);
  }
}

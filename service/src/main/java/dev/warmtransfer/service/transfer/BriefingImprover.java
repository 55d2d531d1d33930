package dev.warmtransfer.service.transfer;

import dev.warmtransfer.speech.summary.BriefingCards;
import dev.warmtransfer.proto.BotInstruction;
import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.proto.Topics;
import dev.warmtransfer.proto.UpdateBriefing;
import dev.warmtransfer.service.livekit.LiveKitControl;
import dev.warmtransfer.speech.summary.Summarizer;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slower, better briefing (OpenAI) made after {@code POST /transfer} answered: stored for the
 * transfer and sent to the briefer as an update, if it comes before B is briefed. Without OpenAI
 * there is nothing better to wait for, and it does nothing.
 */
public final class BriefingImprover implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(BriefingImprover.class);
  private final Summarizer better;
  private final CallRecords calls;
  private final TransferStore store;
  private final LiveKitControl livekit;
  private final Clock clock;
  private final ThreadPoolExecutor pool =
      new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100), r -> {
        Thread t = new Thread(r, "briefing-improver");
        t.setDaemon(true);
        return t;
      });

  /** @param better the OpenAI summarizer (with its local fallback), or null when there is none */
  public BriefingImprover(Summarizer better, CallRecords calls, TransferStore store, LiveKitControl livekit, Clock clock) {
    this.better = better;
    this.calls = calls;
    this.store = store;
    this.livekit = livekit;
    this.clock = clock;
  }

  public void improveLater(Transfer t, String text, String notes) {
    if (better == null) {
      return;
    }
    try {
      pool.execute(() -> improve(t, text, notes));
    } catch (RejectedExecutionException busy) {
      LOG.info("event=briefing_improvement_skipped transfer={} reason=\"queue full\"", t.id());
    }
  }

  private void improve(Transfer t, String text, String notes) {
    try {
      String source = text != null ? text : calls.transcriptText(t.fromRoom());
      if (source.isBlank()) {
        return;
      }
      BriefingCard card = BriefingCards.of(better.summarize(source, notes), notes, clock.millis());
      if (!"openai".equals(card.getProvider())) {
        return;
      }
      Transfer now = store.find(t.id()).orElse(t);
      if (!now.phase().beforeDecision() || now.phase() == Phase.BRIEFED) {
        return;
      }
      calls.saveTransferBriefing(t.id(), card, clock.instant());
      BotInstruction update = BotInstruction.newBuilder()
          .setInstructionId(t.id() + ":briefing:" + card.getMadeAtMs())
          .setTransferId(t.id())
          .setSentAtMs(clock.millis())
          .setUpdateBriefing(UpdateBriefing.newBuilder().setBriefing(card))
          .build();
      List<String> briefers = livekit.participants(t.newRoom()).stream()
          .filter(p -> "briefer".equals(p.getAttributesMap().get(Topics.ATTR_JOB)))
          .map(p -> p.getIdentity())
          .toList();
      if (!briefers.isEmpty()) {
        livekit.sendData(t.newRoom(), update.toByteArray(), briefers, Topics.BOT_INSTRUCTION);
      }
      LOG.info("event=briefing_improved transfer={} provider=openai sent_to_briefer={}", t.id(), !briefers.isEmpty());
    } catch (RuntimeException e) {
      LOG.warn("event=briefing_improvement_failed transfer={} error=\"{}\"", t.id(), e.getMessage());
    }
  }

  @Override
  public void start() {}

  @Override
  public void stop() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(2, TimeUnit.SECONDS);
  }
}

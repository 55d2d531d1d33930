package dev.warmtransfer.bot.worker;

import dev.warmtransfer.proto.BotReport;

/**
 * Where a job tells the service what it learned ({@code POST /internal/bot/reports} with the
 * bot's own credential). Sending never blocks the caller: reports are queued and retried.
 */
@FunctionalInterface
public interface Reports {
  void send(BotReport report);

  /** Reports that go nowhere: for a job run without a service (the {@code bot join} tool, tests). */
  Reports NONE = report -> {};
}

package dev.warmtransfer.bot.worker;

/** What the process around a {@link Worker} wants to hear; no-op defaults. Called on the worker's loop. */
public interface WorkerListener {
  default void onRegistered(String workerId) {}

  /** The worker takes no new job from now on and will finish with {@code exitCode}. */
  default void onDraining(String reason, int exitCode) {}
}

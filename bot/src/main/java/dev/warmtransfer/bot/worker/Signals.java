package dev.warmtransfer.bot.worker;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT as events rather than the JVM's shutdown: a worker must keep running after
 * the signal until its calls end, then exit with its own code. Uses the JDK's signal API
 * (module jdk.unsupported); without it, a shutdown hook only asks for the drain.
 */
final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private Signals() {}

  /** {@code handler} runs on a signal thread for every SIGTERM/SIGINT; it must not block. */
  static void onTerminate(Runnable handler) {
    Objects.requireNonNull(handler, "handler");
    try {
      for (String name : new String[] {"TERM", "INT"}) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
          LOG.info("event=signal name=SIG{}", name);
          handler.run();
        });
      }
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
      LOG.warn("event=signals_unavailable error=\"{}\"", e.toString());
      Runtime.getRuntime().addShutdownHook(new Thread(handler, "worker-shutdown"));
    }
  }
}

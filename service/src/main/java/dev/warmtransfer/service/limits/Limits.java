package dev.warmtransfer.service.limits;

import dev.warmtransfer.service.errors.BusyErrorMapper;
import dev.warmtransfer.service.errors.JsonErrorHandler;
import io.dropwizard.core.setup.Environment;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/** Puts the service's limits in place: body size and arrival time, rate limits, the heavy-work pool. */
public final class Limits {
  private Limits() {}

  /** Installs everything; returns the pool that summaries must run on. */
  public static HeavyWork install(Environment env, LimitsConfig config) {
    long maxBody = config.getMaxBodySize().toBytes();
    Duration bodyTimeout = Duration.ofMillis(config.getBodyTimeout().toMilliseconds());
    JsonErrorHandler errors = new JsonErrorHandler();
    env.getApplicationContext().setErrorHandler(errors);
    // The body limit wraps the whole handler tree, outside the servlet context, so bodies are read
    // before any servlet thread waits for them; it is put in as the server starts, once Dropwizard
    // has built that tree.
    env.lifecycle().addEventListener(new LifeCycle.Listener() {
      @Override
      public void lifeCycleStarting(LifeCycle event) {
        if (event instanceof Server server && !(server.getHandler() instanceof BodyLimitHandler)) {
          server.setErrorHandler(errors);
          server.setHandler(new BodyLimitHandler(server.getHandler(), maxBody, bodyTimeout));
        }
      }
    });

    HeavyWork heavy =
        new HeavyWork(config.getHeavyThreads(), config.getHeavyQueue(),
            Duration.ofMillis(config.getHeavyDeadline().toMilliseconds()));
    env.lifecycle().manage(heavy);

    env.jersey().register(new RateLimitFilter(
        new RateLimiter(config.getPerAddressPerSecond(), config.getPerAddressBurst(), 100_000, System::nanoTime),
        new RateLimiter(config.getPerKeyPerSecond(), config.getPerKeyBurst(), 100_000, System::nanoTime)));
    env.jersey().register(new BusyErrorMapper());
    return heavy;
  }
}

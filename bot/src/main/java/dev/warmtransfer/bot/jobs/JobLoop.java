package dev.warmtransfer.bot.jobs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's own event loop: every room callback (WebRTC's and the signalling's threads) only
 * enqueues here, and the job's state is touched on this one thread. A task that throws is logged
 * and the loop goes on; after {@link #close} new tasks are dropped.
 */
public final class JobLoop implements Executor, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobLoop.class);
  private final ExecutorService executor;
  private final String name;

  public JobLoop(String name) {
    this.name = name;
    this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.DiscardPolicy());
  }

  @Override
  public void execute(Runnable task) {
    executor.execute(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("event=job_task_failed loop={} error=\"{}\"", name, e.toString(), e);
      }
    });
  }

  @Override
  public void close() {
    executor.shutdown();
  }
}

package dev.warmtransfer.bot.report;

import dev.warmtransfer.bot.worker.Reports;
import dev.warmtransfer.proto.BotReport;
import dev.warmtransfer.proto.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports to the service over HTTP: {@code POST <service>/internal/bot/reports} with the bot's
 * bearer credential and the {@link BotReport} protobuf as the body. {@link #send} only queues;
 * one sender thread per process posts them in order and retries what failed for a reason that
 * may pass (unreachable, timeouts, 429, 5xx) with backoff. A 4xx other than 429 is the report's
 * fault and is dropped with a log line. A full queue drops the newest report, loudly, rather
 * than block a job.
 */
public final class HttpReports implements Reports, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpReports.class);
  private static final MediaType PROTOBUF = MediaType.get(Topics.PROTOBUF);
  public static final String DEFAULT_SERVICE_URL = "http://127.0.0.1:8000";

  private final String endpoint;
  private final String token;
  private final OkHttpClient http;
  private final int attempts;
  private final Duration backoff;
  private final BlockingQueue<BotReport> queue;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread sender;
  private volatile boolean closed;

  public HttpReports(String serviceUrl, String token, int attempts, Duration backoff, int capacity) {
    Objects.requireNonNull(serviceUrl, "serviceUrl");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(backoff, "backoff");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts < 1");
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity < 1");
    }
    this.endpoint = serviceUrl.replaceAll("/+$", "") + Topics.REPORTS_PATH;
    this.token = token;
    this.attempts = attempts;
    this.backoff = backoff;
    this.queue = new LinkedBlockingQueue<>(capacity);
    this.http = new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(3))
        .callTimeout(Duration.ofSeconds(10))
        .build();
    this.sender = new Thread(this::run, "bot-reports");
    sender.setDaemon(true);
    sender.start();
  }

  /** From WT_SERVICE_URL (default {@value #DEFAULT_SERVICE_URL}) and WT_BOT_TOKEN. */
  public static HttpReports fromEnv() {
    String url = System.getenv().getOrDefault("WT_SERVICE_URL", DEFAULT_SERVICE_URL);
    String token = System.getenv().getOrDefault("WT_BOT_TOKEN", "");
    if (token.isBlank()) {
      LOG.warn("event=bot_token_missing action=\"reports will be refused; set WT_BOT_TOKEN\"");
    }
    return new HttpReports(url.isBlank() ? DEFAULT_SERVICE_URL : url, token, 6, Duration.ofMillis(250), 10_000);
  }

  @Override
  public void send(BotReport report) {
    Objects.requireNonNull(report, "report");
    if (closed || !queue.offer(report)) {
      dropped.incrementAndGet();
      LOG.warn("event=report_dropped reason={} room={} kind={}", closed ? "closed" : "queue_full",
          report.getRoom(), report.getKindCase());
    }
  }

  public long delivered() {
    return delivered.get();
  }

  public long dropped() {
    return dropped.get();
  }

  private void run() {
    while (!closed || !queue.isEmpty()) {
      BotReport r;
      try {
        r = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (r != null) {
        deliver(r);
      }
    }
  }

  private void deliver(BotReport report) {
    long wait = backoff.toMillis();
    String why = "";
    for (int attempt = 1; attempt <= attempts; attempt++) {
      Request request = new Request.Builder()
          .url(endpoint)
          .header("Authorization", "Bearer " + token)
          .post(RequestBody.create(report.toByteArray(), PROTOBUF))
          .build();
      try (Response response = http.newCall(request).execute()) {
        int code = response.code();
        if (response.isSuccessful()) {
          delivered.incrementAndGet();
          return;
        }
        why = "status " + code;
        if (code >= 400 && code < 500 && code != 429) {
          LOG.warn("event=report_refused status={} room={} kind={}", code, report.getRoom(), report.getKindCase());
          dropped.incrementAndGet();
          return;
        }
      } catch (IOException e) {
        why = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      if (attempt < attempts) {
        try {
          Thread.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        wait = Math.min(wait * 2, 5_000);
      }
    }
    dropped.incrementAndGet();
    LOG.warn("event=report_lost room={} kind={} attempts={} reason=\"{}\"", report.getRoom(), report.getKindCase(),
        attempts, why);
  }

  /** Stops taking reports and gives the queued ones up to {@code grace} to go out. */
  public void close(Duration grace) {
    closed = true;
    try {
      sender.join(grace.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sender.interrupt();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(3));
  }
}

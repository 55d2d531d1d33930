package dev.warmtransfer.bot.worker;

import dev.warmtransfer.proto.BotReport;
import dev.warmtransfer.proto.Topics;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs' reports to the service ({@code POST <service>/internal/bot/reports} with the bots'
 * credential). Asynchronous: a job never waits for the service. A report that meets a network
 * error or a 5xx is tried again a few times; a 4xx is the service refusing it, so it is logged
 * and dropped.
 */
public final class HttpReports implements Reports {
  private static final Logger LOG = LoggerFactory.getLogger(HttpReports.class);
  private static final MediaType PROTOBUF = MediaType.get(Topics.PROTOBUF);
  private static final int ATTEMPTS = 4;

  private final OkHttpClient http;
  private final String endpoint;
  private final String token;
  private final ScheduledExecutorService retries;

  public HttpReports(OkHttpClient http, String serviceUrl, String token, ScheduledExecutorService retries) {
    this.http = Objects.requireNonNull(http, "http");
    this.endpoint = Objects.requireNonNull(serviceUrl, "serviceUrl").replaceAll("/+$", "") + Topics.REPORTS_PATH;
    this.token = Objects.requireNonNull(token, "token");
    this.retries = Objects.requireNonNull(retries, "retries");
    if (token.isBlank()) {
      throw new IllegalArgumentException("token is empty");
    }
  }

  @Override
  public void send(BotReport report) {
    attempt(Objects.requireNonNull(report, "report"), 1);
  }

  private void attempt(BotReport report, int n) {
    Request request = new Request.Builder().url(endpoint)
        .header("Authorization", "Bearer " + token)
        .post(RequestBody.create(report.toByteArray(), PROTOBUF))
        .build();
    http.newCall(request).enqueue(new Callback() {
      @Override
      public void onResponse(Call call, Response response) {
        int code = response.code();
        response.close();
        if (code >= 500) {
          retry(report, n, "http " + code);
        } else if (code >= 400) {
          LOG.warn("event=report_refused job_id={} kind={} status={}", report.getJobId(), report.getKindCase(), code);
        }
      }

      @Override
      public void onFailure(Call call, IOException e) {
        retry(report, n, e.toString());
      }
    });
  }

  private void retry(BotReport report, int n, String why) {
    if (n >= ATTEMPTS) {
      LOG.warn("event=report_lost job_id={} kind={} attempts={} error=\"{}\"", report.getJobId(), report.getKindCase(), n, why);
      return;
    }
    retries.schedule(() -> attempt(report, n + 1), 250L << n, TimeUnit.MILLISECONDS);
  }
}

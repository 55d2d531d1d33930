package dev.warmtransfer.bot.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.warmtransfer.proto.BotReport;
import dev.warmtransfer.proto.JobEnded;
import dev.warmtransfer.proto.TranscriptSegment;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpReportsTest {
  private HttpServer server;
  private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
  private final BlockingQueue<BotReport> received = new LinkedBlockingQueue<>();

  private String start(int... statuses) throws Exception {
    AtomicInteger n = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/internal/bot/reports", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      int i = n.getAndIncrement();
      int status = i < statuses.length ? statuses[i] : 204;
      requests.add(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("Authorization") + " "
          + ex.getRequestHeaders().getFirst("Content-Type") + " " + status);
      if (status == 204) {
        received.add(BotReport.parseFrom(body));
      }
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static BotReport report(String text) {
    return BotReport.newBuilder().setRoom("R").setJobId("AJ_1")
        .setSegment(TranscriptSegment.newBuilder().setSpeaker("caller").setText(text)).build();
  }

  @Test
  void postsTheProtobufWithTheBearerTokenInOrder() throws Exception {
    String url = start();
    try (HttpReports reports = new HttpReports(url, "s3cret", 3, Duration.ofMillis(10), 100)) {
      reports.send(report("one"));
      reports.send(report("two"));
      assertThat(received.poll(5, TimeUnit.SECONDS).getSegment().getText()).isEqualTo("one");
      assertThat(received.poll(5, TimeUnit.SECONDS).getSegment().getText()).isEqualTo("two");
    }
    assertThat(requests.poll()).isEqualTo("POST Bearer s3cret application/x-protobuf 204");
  }

  @Test
  void retriesServerErrorsAndTooManyRequests() throws Exception {
    String url = start(503, 429, 204);
    HttpReports reports = new HttpReports(url, "t", 5, Duration.ofMillis(10), 100);
    reports.send(report("kept"));
    assertThat(received.poll(5, TimeUnit.SECONDS).getSegment().getText()).isEqualTo("kept");
    reports.close(Duration.ofSeconds(5));
    assertThat(reports.delivered()).isEqualTo(1);
    assertThat(requests).hasSize(3);
  }

  @Test
  void aRefusedReportIsDroppedAndTheNextOneStillGoes() throws Exception {
    String url = start(400);
    HttpReports reports = new HttpReports(url, "t", 5, Duration.ofMillis(10), 100);
    reports.send(report("bad"));
    reports.send(report("good"));
    assertThat(received.poll(5, TimeUnit.SECONDS).getSegment().getText()).isEqualTo("good");
    reports.close(Duration.ofSeconds(5));
    assertThat(reports.dropped()).isEqualTo(1);
    assertThat(reports.delivered()).isEqualTo(1);
  }

  @Test
  void sendNeverBlocksEvenWhenTheServiceIsDown() throws Exception {
    // Nothing listens on this port: every attempt fails, and sending must still return at once.
    HttpServer probe = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    int port = probe.getAddress().getPort();
    probe.stop(0);
    try (HttpReports reports = new HttpReports("http://127.0.0.1:" + port, "t", 3, Duration.ofSeconds(1), 5)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 50; i++) {
        reports.send(BotReport.newBuilder().setJobEnded(JobEnded.newBuilder().setReason("r" + i)).build());
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(ms).as("50 sends with the service down").isLessThan(500);
      assertThat(reports.dropped()).as("the queue of 5 overflowed").isGreaterThanOrEqualTo(40);
    }
  }

  @Test
  void closeDeliversWhatIsQueued() throws Exception {
    String url = start();
    CountDownLatch none = new CountDownLatch(0);
    HttpReports reports = new HttpReports(url, "t", 3, Duration.ofMillis(10), 100);
    for (String s : List.of("a", "b", "c")) {
      reports.send(report(s));
    }
    reports.close(Duration.ofSeconds(5));
    none.await();
    assertThat(received).extracting(r -> r.getSegment().getText()).containsExactly("a", "b", "c");
  }
}

package dev.warmtransfer.service.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.errors.JsonErrorHandler;
import dev.warmtransfer.service.support.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The body loader on a real Jetty connector over loopback: what it hands on, what it refuses, and
 * that a body which came with its headers costs no timer (one per request made /token wait on
 * Jetty's scheduler thread).
 */
class BodyLimitHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX = 4096;
  private static final Duration TIMEOUT = Duration.ofMillis(1500);
  private final AtomicInteger bodyTimers = new AtomicInteger();
  private Server server;
  private int port;

  @BeforeEach
  void start() throws Exception {
    // Counts the timers the loader sets (Jetty's own idle timeouts use the same scheduler).
    Scheduler scheduler = new ScheduledExecutorScheduler("test-scheduler", true) {
      @Override
      public Task schedule(Runnable task, long delay, TimeUnit units) {
        if (task.getClass().getName().startsWith(BodyLimitHandler.class.getName())) {
          bodyTimers.incrementAndGet();
        }
        return super.schedule(task, delay, units);
      }
    };
    server = new Server(new QueuedThreadPool(16, 4), scheduler, null);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setIdleTimeout(30_000);
    server.addConnector(connector);
    server.setErrorHandler(new JsonErrorHandler());
    server.setHandler(new BodyLimitHandler(new Echo(), MAX, TIMEOUT));
    server.start();
    port = connector.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  /** Answers with the body's length and its first and last characters. */
  private static final class Echo extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String body = Content.Source.asString(request, StandardCharsets.UTF_8);
      String answer = body.length() + ":" + (body.isEmpty() ? "" : body.charAt(0) + "" + body.charAt(body.length() - 1));
      response.write(true, ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)), callback);
      return true;
    }
  }

  private static String post(int length, String extraHeader) {
    return "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + (length >= 0 ? "Content-Length: " + length + "\r\n" : "") + extraHeader + "\r\n";
  }

  private static String body(int length) {
    return "<" + "x".repeat(length - 2) + ">";
  }

  @Test
  void bodiesThatCameWithTheirHeadersAreHandedOnWholeWithoutATimer() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < 20; i++) {
        int length = 67 + i * 100;
        // One write, as wrk, browsers and most clients send a small request.
        out.write((post(length, "") + body(length)).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        RawHttp.Answer answer = RawHttp.read(in);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(length + ":<>");
      }
      String chunked = "5\r\n<abcd\r\n3\r\nef>\r\n0\r\n\r\n";
      out.write((post(-1, "Transfer-Encoding: chunked\r\n") + chunked).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(RawHttp.read(in).body()).isEqualTo("8:<>");
    }
    assertThat(bodyTimers.get()).as("timers set for bodies that had arrived").isZero();
  }

  @Test
  void aBodyThatArrivesInPiecesIsReadWholeWithOneTimer() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String body = body(3000);
      out.write(post(body.length(), "").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(200);
      out.write(body.substring(0, 1000).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(200);
      out.write(body.substring(1000).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("3000:<>");
    }
    assertThat(bodyTimers.get()).isEqualTo(1);
  }

  @Test
  void aTrickleIsCutOffWith408AtTheDeadlineCountedFromTheRequestsArrival() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      long start = System.nanoTime();
      // Half the body at once (the loader reads it before it has to wait), then a byte every 100 ms:
      // the connection is never idle, and the body never complete.
      out.write((post(2000, "") + "x".repeat(1000)).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread trickle = new Thread(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(100);
            out.write('x');
            out.flush();
          }
        } catch (InterruptedException | IOException cutOff) {
          // the server closed the connection: expected
        }
      }, "trickle");
      trickle.setDaemon(true);
      trickle.start();
      RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      trickle.interrupt();
      assertThat(answer.status()).isEqualTo(408);
      assertThat(JSON.readTree(answer.body()).get("field").asText()).isEqualTo("body");
      assertThat(answer.head()).containsIgnoringCase("Connection: close");
      // Not before the allowance; well before the connection's 30 s idle timeout.
      assertThat(tookMillis).isBetween(TIMEOUT.toMillis() - 50, TIMEOUT.toMillis() + 8_000);
    }
  }

  @Test
  void bodiesOverTheCapAreRefusedWith413WhetherDeclaredOrChunkedAtOnceOrLater() throws Exception {
    RawHttp.Answer declared = RawHttp.send(port, post(MAX + 1, "").stripTrailing(), out -> {}, 10_000);
    assertThat(declared.status()).isEqualTo(413);
    assertThat(JSON.readTree(declared.body()).get("field").asText()).isEqualTo("body");

    String chunk = Integer.toHexString(1024) + "\r\n" + "y".repeat(1024) + "\r\n";
    String tooMuch = chunk.repeat(MAX / 1024 + 1) + "0\r\n\r\n";
    String head = post(-1, "Transfer-Encoding: chunked\r\n").stripTrailing();
    RawHttp.Answer atOnce = RawHttp.send(port, head,
        out -> out.write(tooMuch.getBytes(StandardCharsets.US_ASCII)), 10_000);
    assertThat(atOnce.status()).isEqualTo(413);
    RawHttp.Answer later = RawHttp.send(port, head, out -> {
      for (int i = 0; i <= MAX / 1024; i++) {
        sleep(50);
        out.write(chunk.getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    }, 10_000);
    assertThat(later.status()).isEqualTo(413);
    assertThat(JSON.readTree(later.body()).get("error").asText()).contains("larger than " + MAX);
  }

  @Test
  void aBodyExactlyAtTheCapIsHandedOn() throws Exception {
    RawHttp.Answer answer = RawHttp.send(port, post(MAX, "").stripTrailing(),
        out -> out.write(body(MAX).getBytes(StandardCharsets.US_ASCII)), 10_000);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(MAX + ":<>");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

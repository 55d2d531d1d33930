package dev.warmtransfer.bot.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import livekit.LivekitAgent.JobStatus;
import livekit.LivekitAgent.ServerMessage;
import livekit.LivekitAgent.WorkerMessage;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * LiveKit's {@code /agent} socket as seen by one worker, on okhttp's MockWebServer: records every
 * frame the worker sends and lets a test send LiveKit's frames. Not a LiveKit: the tests with
 * real worker processes use the real server; this one drives the socket's corner cases.
 */
final class FakeLiveKit implements AutoCloseable {
  final MockWebServer server = new MockWebServer();
  final BlockingQueue<WorkerMessage> received = new LinkedBlockingQueue<>();
  /** update_job as received, by job id: what LiveKit knows of each job's end. */
  final Map<String, JobStatus> jobStatus = new ConcurrentHashMap<>();
  final AtomicInteger connections = new AtomicInteger();
  volatile String lastAuthorization;
  private volatile WebSocket socket;

  FakeLiveKit() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        lastAuthorization = request.getHeaders().get("Authorization");
        connections.incrementAndGet();
        return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
          @Override
          public void onOpen(WebSocket webSocket, Response response) {
            socket = webSocket;
          }

          @Override
          public void onMessage(WebSocket webSocket, ByteString bytes) {
            try {
              WorkerMessage m = WorkerMessage.parseFrom(bytes.toByteArray());
              if (m.hasUpdateJob()) {
                jobStatus.put(m.getUpdateJob().getJobId(), m.getUpdateJob().getStatus());
              }
              received.add(m);
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
          }

          @Override
          public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
          }
        }).build();
      }
    });
    server.start();
  }

  String url() {
    return "http://" + server.url("/").host() + ":" + server.getPort();
  }

  void send(ServerMessage message) {
    socket.send(ByteString.of(message.toByteArray()));
  }

  /** Closes the current socket as a server restart would. */
  void dropConnection() {
    socket.close(1001, "going away");
  }

  /** The next frame the worker sent that matches, skipping others; fails after {@code timeout}. */
  WorkerMessage next(Predicate<WorkerMessage> wanted, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = end - System.nanoTime();
      WorkerMessage m = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
      if (m == null) {
        throw new AssertionError("no matching frame from the worker within " + timeout);
      }
      if (wanted.test(m)) {
        return m;
      }
    }
  }

  /** Waits until LiveKit has heard of the job's end; false after {@code timeout}. */
  boolean awaitJobStatus(String jobId, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (jobStatus.containsKey(jobId)) {
        return true;
      }
      Thread.sleep(10);
    }
    return jobStatus.containsKey(jobId);
  }

  @Override
  public void close() {
    WebSocket s = socket;
    if (s != null) {
      s.close(1001, "test over");
    }
    server.close();
  }
}

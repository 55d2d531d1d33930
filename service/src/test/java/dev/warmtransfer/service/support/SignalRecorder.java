package dev.warmtransfer.service.support;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import livekit.LivekitRtc;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * Opens LiveKit's signalling WebSocket with a token and records what comes back, so a test can
 * assert on LiveKit's own verdict about the token (JoinResponse, or the refused handshake).
 */
public final class SignalRecorder extends WebSocketListener implements AutoCloseable {
  public sealed interface Event {}

  public record Message(LivekitRtc.SignalResponse response) implements Event {}

  public record Failure(int httpStatus, String body, Throwable error) implements Event {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final WebSocket socket;

  private SignalRecorder(OkHttpClient client, String wsUrl, String token) {
    String url = wsUrl + "/rtc?access_token=" + token + "&protocol=16&auto_subscribe=1&sdk=java&version=0.1.0";
    this.socket = client.newWebSocket(new Request.Builder().url(url).build(), this);
  }

  public static SignalRecorder open(OkHttpClient client, String wsUrl, String token) {
    return new SignalRecorder(client, wsUrl, token);
  }

  public void send(LivekitRtc.SignalRequest request) {
    socket.send(ByteString.of(request.toByteArray()));
  }

  /** The next event, or null after the timeout. */
  public Event next(long timeout, TimeUnit unit) throws InterruptedException {
    return events.poll(timeout, unit);
  }

  /** The next signal response of the given case, skipping others; null after the timeout. */
  public LivekitRtc.SignalResponse await(LivekitRtc.SignalResponse.MessageCase kind, long timeoutMs)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    long left;
    while ((left = deadline - System.currentTimeMillis()) > 0) {
      Event e = events.poll(left, TimeUnit.MILLISECONDS);
      if (e instanceof Message m && m.response().getMessageCase() == kind) {
        return m.response();
      }
      if (e instanceof Failure f) {
        throw new AssertionError("signalling failed: HTTP " + f.httpStatus() + " " + f.body(), f.error());
      }
    }
    return null;
  }

  @Override
  public void onMessage(WebSocket webSocket, ByteString bytes) {
    try {
      events.add(new Message(LivekitRtc.SignalResponse.parseFrom(bytes.toByteArray())));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      events.add(new Failure(0, "undecodable frame", e));
    }
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    int status = response == null ? 0 : response.code();
    String body = "";
    try {
      if (response != null && response.body() != null) {
        body = response.body().string();
      }
    } catch (java.io.IOException ignored) {
      // the status is what matters
    }
    events.add(new Failure(status, body, t));
  }

  @Override
  public void close() {
    socket.close(1000, "test done");
  }
}

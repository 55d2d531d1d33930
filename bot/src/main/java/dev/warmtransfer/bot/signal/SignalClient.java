package dev.warmtransfer.bot.signal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import livekit.LivekitModels;
import livekit.LivekitRtc;
import livekit.LivekitRtc.SignalRequest;
import livekit.LivekitRtc.SignalResponse;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the signalling WebSocket to LiveKit's {@code /rtc} (protocol 16, binary protobuf): joins,
 * keeps the connection alive with {@code ping_req}, and hands every {@link SignalResponse} to one
 * listener, in order. One instance per connection: a reconnection makes a new one.
 */
public final class SignalClient implements AutoCloseable {
  /** Told of everything LiveKit sends after the join, on OkHttp's reader thread: must only enqueue. */
  public interface Listener {
    default void onMessage(SignalResponse message) {}

    default void onClosed(SignalException reason) {}
  }

  public static final int PROTOCOL_VERSION = 16;
  static final String SDK_NAME = "warm-transfer-java";
  static final String SDK_VERSION = "0.1.0";
  private static final Logger LOG = LoggerFactory.getLogger(SignalClient.class);
  private static final OkHttpClient SHARED = new OkHttpClient.Builder()
      .pingInterval(Duration.ZERO)
      .dispatcher(unlimited())
      .build();

  // One timer for every connection's keep-alive: pings are tiny and only enqueue a send.
  private static final ScheduledExecutorService PINGER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "signal-ping");
    t.setDaemon(true);
    return t;
  });

  /**
   * An open WebSocket holds its call in OkHttp's dispatcher for its whole life, and the default
   * dispatcher runs at most 64 calls: the 65th participant in one process would never connect.
   */
  private static Dispatcher unlimited() {
    Dispatcher d = new Dispatcher();
    d.setMaxRequests(Integer.MAX_VALUE);
    d.setMaxRequestsPerHost(Integer.MAX_VALUE);
    return d;
  }

  private final WebSocket socket;
  // JoinResponse for a join, ReconnectResponse for a resume.
  private final CompletableFuture<SignalResponse> joined = new CompletableFuture<>();
  private final Listener listener;
  private final AtomicLong lastPong = new AtomicLong(System.currentTimeMillis());
  private volatile boolean closed;
  private ScheduledFuture<?> pingTask;

  private SignalClient(String url, String token, boolean autoSubscribe, String participantSid, Listener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    String wsUrl = url.replaceFirst("^http", "ws").replaceAll("/+$", "") + "/rtc?" + query(autoSubscribe, participantSid);
    this.socket = SHARED.newWebSocket(
        new Request.Builder().url(wsUrl).header("Authorization", "Bearer " + token).build(), new Reader(url, token));
  }

  /** Opens the WebSocket and waits for LiveKit's JoinResponse. */
  public static Connected connect(String url, String token, Duration timeout, boolean autoSubscribe, Listener listener) {
    SignalClient c = open(url, token, timeout, autoSubscribe, null, listener);
    LivekitRtc.JoinResponse join = c.joined.join().getJoin();
    c.startPinging(join);
    return new Connected(c, join);
  }

  /**
   * Resumes the session LiveKit still holds for the participant {@code original} joined as: the
   * PeerConnections stay, only the signalling is new. LiveKit refuses (STATE_MISMATCH) when it
   * no longer knows the participant, e.g. after a restart; the caller then joins afresh.
   */
  public static SignalClient resume(String url, String token, LivekitRtc.JoinResponse original, Duration timeout,
      boolean autoSubscribe, Listener listener) {
    Objects.requireNonNull(original, "original");
    SignalClient c = open(url, token, timeout, autoSubscribe, original.getParticipant().getSid(), listener);
    c.startPinging(original);
    return c;
  }

  /** A connected client and LiveKit's answer to the join. */
  public record Connected(SignalClient client, LivekitRtc.JoinResponse join) {}

  private static SignalClient open(String url, String token, Duration timeout, boolean autoSubscribe, String resumeSid,
      Listener listener) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(timeout, "timeout");
    SignalClient c = new SignalClient(url, token, autoSubscribe, resumeSid, listener);
    try {
      SignalResponse answer = c.joined.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      boolean expected = resumeSid == null ? answer.hasJoin() : answer.hasReconnect();
      if (!expected) {
        c.close();
        throw new SignalException(SignalException.Kind.PROTOCOL, "LiveKit answered with " + answer.getMessageCase(), null);
      }
      return c;
    } catch (TimeoutException e) {
      c.close();
      throw new SignalException(SignalException.Kind.TIMEOUT, "no answer from " + url + " within " + timeout, e);
    } catch (ExecutionException e) {
      c.close();
      throw e.getCause() instanceof SignalException s ? s
          : new SignalException(SignalException.Kind.PROTOCOL, String.valueOf(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      c.close();
      throw new SignalException(SignalException.Kind.CLOSED, "interrupted while joining", e);
    }
  }

  /** {@code sid} non-null asks to resume that participant's session. */
  private static String query(boolean autoSubscribe, String sid) {
    StringBuilder q = new StringBuilder()
        .append("auto_subscribe=").append(autoSubscribe ? 1 : 0)
        .append("&adaptive_stream=0&protocol=").append(PROTOCOL_VERSION)
        .append("&sdk=").append(SDK_NAME).append("&version=").append(SDK_VERSION).append("&os=linux");
    if (sid != null) {
      q.append("&reconnect=1&sid=").append(URLEncoder.encode(sid, StandardCharsets.UTF_8));
    }
    return q.toString();
  }

  public boolean send(SignalRequest request) {
    return !closed && socket.send(ByteString.of(request.toByteArray()));
  }

  /**
   * Drops the connection as a network failure would (no close handshake), for drills and tests
   * of resumption, like LiveKit SDKs' simulated signal reconnect.
   */
  public void drop() {
    socket.cancel();
  }

  /** Tells LiveKit we are leaving for good, then closes. */
  public void leave() {
    send(SignalRequest.newBuilder()
        .setLeave(LivekitRtc.LeaveRequest.newBuilder()
            .setReason(LivekitModels.DisconnectReason.CLIENT_INITIATED)
            .setAction(LivekitRtc.LeaveRequest.Action.DISCONNECT))
        .build());
    close();
  }

  @Override
  public void close() {
    closed = true;
    if (pingTask != null) {
      pingTask.cancel(false);
    }
    socket.close(1000, "bye");
  }

  private void startPinging(LivekitRtc.JoinResponse join) {
    int interval = join.getPingInterval() > 0 ? join.getPingInterval() : 5;
    int timeout = join.getPingTimeout() > 0 ? join.getPingTimeout() : 15;
    lastPong.set(System.currentTimeMillis());
    pingTask = PINGER.scheduleAtFixedRate(() -> {
      if (System.currentTimeMillis() - lastPong.get() > timeout * 1000L) {
        fail(new SignalException(SignalException.Kind.TIMEOUT, "no pong for " + timeout + " s", null));
        return;
      }
      send(SignalRequest.newBuilder()
          .setPingReq(LivekitRtc.Ping.newBuilder().setTimestamp(System.currentTimeMillis()))
          .build());
    }, interval, interval, TimeUnit.SECONDS);
  }

  private void fail(SignalException reason) {
    if (joined.completeExceptionally(reason)) {
      return;
    }
    if (!closed) {
      close();
      listener.onClosed(reason);
    }
  }

  private final class Reader extends WebSocketListener {
    private final String url;
    private final String token;

    Reader(String url, String token) {
      this.url = url;
      this.token = token;
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
      SignalResponse msg;
      try {
        msg = SignalResponse.parseFrom(bytes.toByteArray());
      } catch (IOException e) {
        LOG.warn("event=signal_undecodable bytes={}", bytes.size());
        return;
      }
      switch (msg.getMessageCase()) {
        case JOIN, RECONNECT -> joined.complete(msg);
        case PONG_RESP, PONG -> lastPong.set(System.currentTimeMillis());
        case LEAVE -> {
          // Before the join completes a leave is LiveKit's refusal, e.g. a resume of a session it forgot.
          if (!joined.completeExceptionally(new SignalException(SignalException.Kind.CLOSED,
              "LiveKit refused: " + msg.getLeave().getReason(), null))) {
            listener.onMessage(msg);
          }
        }
        default -> {
          if (!joined.isDone()) {
            LOG.debug("event=signal_before_join case={}", msg.getMessageCase());
          }
          listener.onMessage(msg);
        }
      }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      fail(new SignalException(SignalException.Kind.CLOSED, "LiveKit closed the signalling connection (" + code + ")", null));
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      if (response != null) {
        int code = response.code();
        String why = Validate.reason(url, token, response);
        SignalException.Kind kind = code == 401 ? SignalException.Kind.UNAUTHORIZED
            : code == 403 ? SignalException.Kind.FORBIDDEN
            : code >= 500 ? SignalException.Kind.UNREACHABLE : SignalException.Kind.PROTOCOL;
        fail(new SignalException(kind, "LiveKit refused the connection: HTTP " + code + " " + why, t));
      } else if (joined.isDone()) {
        fail(new SignalException(SignalException.Kind.CLOSED, "signalling connection lost: " + t, t));
      } else {
        fail(new SignalException(SignalException.Kind.UNREACHABLE, "cannot reach " + url + ": " + t, t));
      }
    }
  }

  /** LiveKit explains a refused WebSocket upgrade at {@code /rtc/validate}; the upgrade's own body is often empty. */
  static final class Validate {
    private Validate() {}

    static String reason(String url, String token, Response failed) {
      try {
        String body = failed.body() == null ? "" : failed.body().string();
        if (!body.isBlank()) {
          return body.trim();
        }
        String validate = url.replaceFirst("^ws", "http").replaceAll("/+$", "") + "/rtc/validate?" + query(true, null);
        try (Response r = SHARED.newCall(new Request.Builder().url(validate)
            .header("Authorization", "Bearer " + token).build()).execute()) {
          return r.body() == null ? "" : r.body().string().trim();
        }
      } catch (IOException | RuntimeException e) {
        return "(no reason given)";
      }
    }
  }
}

package dev.warmtransfer.bot.worker;

import com.google.protobuf.InvalidProtocolBufferException;
import io.livekit.server.AccessToken;
import io.livekit.server.Agent;
import java.util.Objects;
import java.util.function.Consumer;
import livekit.LivekitAgent.ServerMessage;
import livekit.LivekitAgent.WorkerMessage;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's WebSocket to LiveKit's {@code /agent}: binary protobuf frames, a fresh agent token
 * per connection. Every method runs on the worker's loop; okhttp's callbacks only hand frames to
 * it, tagged with the connection they came from so that a late frame of an old socket is dropped.
 */
final class AgentLink {
  private static final Logger LOG = LoggerFactory.getLogger(AgentLink.class);

  /** Called on the worker's loop, for the current connection only. */
  interface Handler {
    void onOpen();

    void onMessage(ServerMessage message);

    /** The connection closed or failed; the worker decides whether to connect again. */
    void onLost(String reason);
  }

  private final OkHttpClient http;
  private final WorkerConfig config;
  private final Consumer<Runnable> loop;
  private final Handler handler;
  private WebSocket socket;
  private int generation;
  private boolean registered;
  /** The socket being closed, for {@link #unsent()}: read from any thread. */
  private volatile WebSocket closing;

  AgentLink(OkHttpClient http, WorkerConfig config, Consumer<Runnable> loop, Handler handler) {
    this.http = Objects.requireNonNull(http, "http");
    this.config = Objects.requireNonNull(config, "config");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  void connect() {
    if (socket != null) {
      return;
    }
    int gen = ++generation;
    registered = false;
    Request request = new Request.Builder().url(config.agentEndpoint())
        .header("Authorization", "Bearer " + agentToken()).build();
    socket = http.newWebSocket(request, new Listener(gen));
  }

  boolean registered() {
    return socket != null && registered;
  }

  /** Queues one frame; false when there is no connection (LiveKit has forgotten us then anyway). */
  boolean send(WorkerMessage message) {
    return socket != null && socket.send(ByteString.of(message.toByteArray()));
  }

  void close(String reason) {
    if (socket != null) {
      closing = socket;
      socket.close(1000, reason);
      socket = null;
      registered = false;
      generation++;
    }
  }

  /** Bytes of frames queued on the closing socket and not yet written; any thread. */
  long unsent() {
    WebSocket s = closing;
    return s == null ? 0 : s.queueSize();
  }

  /** Only the agent grant: no room, no identity; checked by LiveKit at the upgrade only. */
  private String agentToken() {
    AccessToken token = new AccessToken(config.apiKey(), config.apiSecret());
    token.setTtl(10 * 60_000L);
    token.addGrants(new Agent(true));
    return token.toJwt();
  }

  private void lost(int gen, String reason) {
    if (gen != generation) {
      return;
    }
    socket = null;
    registered = false;
    generation++;
    handler.onLost(reason);
  }

  private final class Listener extends WebSocketListener {
    private final int gen;

    Listener(int gen) {
      this.gen = gen;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      loop.accept(() -> {
        if (gen == generation) {
          handler.onOpen();
        }
      });
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
      loop.accept(() -> {
        if (gen != generation) {
          return;
        }
        ServerMessage message;
        try {
          message = ServerMessage.parseFrom(bytes.toByteArray());
        } catch (InvalidProtocolBufferException e) {
          LOG.warn("event=worker_frame_invalid bytes={} error=\"{}\"", bytes.size(), e.getMessage());
          return;
        }
        if (message.hasRegister()) {
          registered = true;
        }
        handler.onMessage(message);
      });
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      LOG.warn("event=worker_frame_ignored kind=text chars={}", text.length());
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
      loop.accept(() -> lost(gen, "closed by LiveKit: " + code + " " + reason));
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      loop.accept(() -> lost(gen, "closed: " + code + " " + reason));
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      String why = response != null ? "http " + response.code() : t.toString();
      loop.accept(() -> lost(gen, why));
    }
  }
}

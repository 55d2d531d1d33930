package dev.warmtransfer.service.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local OpenAI-compatible server that answers every request after a fixed delay, with answers of
 * the real shape (a model list, a streamed JSON briefing), so the service really takes the OpenAI
 * path and really waits. Speech and transcription are refused (the local engines answer).
 */
final class SlowOpenAi implements AutoCloseable {
  private static final String BRIEFING = "{\"spoken\":\"The caller was charged twice for order 7 7 8 1 and wants the"
      + " second charge refunded.\",\"summary\":\"Double charge on order 7781; refund wanted.\",\"reason\":\"double charge\","
      + "\"customerIds\":[],\"accountNumbers\":[\"4417\"],\"amounts\":[\"$42.00\"],\"dates\":[],\"tried\":[],"
      + "\"promised\":[],\"sentiment\":\"annoyed\",\"nextStep\":\"refund the second charge\","
      + "\"facts\":[{\"kind\":\"order\",\"value\":\"7781\"}],\"wants\":[],\"decided\":[]}";
  private final HttpServer server;
  private final long delayMs;
  final AtomicLong chats = new AtomicLong();

  SlowOpenAi(long delayMs) throws IOException {
    this.delayMs = delayMs;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    // One thread per waiting request: the delay must not queue requests behind each other.
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/v1/models", ex -> answer(ex, 200, "application/json", "{\"object\":\"list\",\"data\":[]}"));
    server.createContext("/v1/chat/completions", ex -> {
      chats.incrementAndGet();
      String escaped = BRIEFING.replace("\\", "\\\\").replace("\"", "\\\"");
      String sse = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1726502400,"
          + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + escaped
          + "\"},\"finish_reason\":null}]}\n\ndata: [DONE]\n\n";
      answer(ex, 200, "text/event-stream", sse);
    });
    server.createContext("/", ex -> answer(ex, 404, "application/json", "{\"error\":{\"message\":\"not here\"}}"));
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private void answer(HttpExchange ex, int code, String type, String body) throws IOException {
    try (ex) {
      ex.getRequestBody().readAllBytes();
      Thread.sleep(delayMs);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", type);
      ex.sendResponseHeaders(code, bytes.length);
      ex.getResponseBody().write(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

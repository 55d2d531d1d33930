package dev.warmtransfer.speech.support;

import dev.warmtransfer.speech.SpeechConfig;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** A local OpenAI-compatible HTTP server (MockWebServer) and helpers for real-shaped answers. */
public final class OpenAiServer implements AutoCloseable {
  public final MockWebServer server = new MockWebServer();

  public OpenAiServer() throws Exception {
    server.start();
  }

  /**
   * A 5 s timeout: long enough for a streamed answer on a loaded 2-core machine (1 s timed out
   * in full-suite runs); tests of the timeout itself set their own.
   */
  public SpeechConfig.Builder config() {
    return SpeechConfig.builder()
        .apiKey("sk-test-not-a-real-key")
        .baseUrl(server.url("/v1").toString())
        .timeout(Duration.ofSeconds(5))
        .retries(1)
        .backoff(Duration.ofMillis(50));
  }

  public void enqueueJson(int code, String json) {
    server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(json).build());
  }

  /** A chat completion streamed as server-sent events, one chunk per piece of content. */
  public void enqueueChatStream(String... contentPieces) {
    StringBuilder sse = new StringBuilder();
    for (String piece : contentPieces) {
      String escaped = piece.replace("\\", "\\\\").replace("\"", "\\\"");
      sse.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1726502400,")
          .append("\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
          .append(escaped).append("\"},\"finish_reason\":null}]}\n\n");
    }
    sse.append("data: [DONE]\n\n");
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream").body(sse.toString()).build());
  }

  @Override
  public void close() {
    server.close();
  }
}

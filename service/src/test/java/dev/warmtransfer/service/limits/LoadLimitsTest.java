package dev.warmtransfer.service.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.testkit.LiveKitServer;
import io.dropwizard.testing.ConfigOverride;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Summaries on a bounded pool (503 + Retry-After when full), token minting rate-limited (429). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private LiveKitServer livekit;
  private ServiceUnderTest service;

  @BeforeAll
  void start() throws Exception {
    livekit = LiveKitServer.start();
    service = new ServiceUnderTest(livekit, 0,
        ConfigOverride.config("limits.heavyThreads", "1"),
        ConfigOverride.config("limits.heavyQueue", "2"),
        ConfigOverride.config("limits.heavyDeadline", "3s"),
        ConfigOverride.config("limits.perAddressPerSecond", "0.2"),
        ConfigOverride.config("limits.perAddressBurst", "5"),
        ConfigOverride.config("limits.perKeyPerSecond", "0.2"),
        ConfigOverride.config("limits.perKeyBurst", "5"));
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
    if (livekit != null) {
      livekit.close();
    }
  }

  @Test
  void concurrentHugeTranscriptsAnswerOrAre503AndHealthKeepsAnswering() throws Exception {
    // 100,000 digits: the shape that made the summarizer's patterns backtrack for minutes.
    String body = JSON.writeValueAsString(Map.of("transcript", "1".repeat(100_000)));
    ExecutorService clients = Executors.newFixedThreadPool(30);
    try {
      List<Future<Response>> answers = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        answers.add(clients.submit(() -> service.post("/generate-summary", body)));
      }
      try (Response health = service.get("/health")) {
        assertThat(health.code()).isEqualTo(200);
      }
      int busy = 0;
      for (Future<Response> f : answers) {
        try (Response r = f.get(30, TimeUnit.SECONDS)) {
          assertThat(r.code()).isIn(200, 503);
          assertThat(r.header("Content-Type")).startsWith("application/json");
          if (r.code() == 503) {
            busy++;
            assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
            assertThat(JSON.readTree(r.body().string()).get("error").asText()).contains("summar");
          }
        }
      }
      // Summaries ran on the bounded pool, not on request threads.
      assertThat(Thread.getAllStackTraces().keySet()).anySatisfy(t -> assertThat(t.getName()).startsWith("heavy-work-"));
      assertThat(busy).isBetween(0, 30);
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void tokenMintingIsLimitedPerApiKeyWith429AndRetryAfter() throws Exception {
    assertLimited(i -> service.post("/token", "{\"identity\":\"caller-" + i + "\",\"room\":\"r1\"}"));
    // Reading is not minting: the limit leaves other endpoints alone.
    try (Response health = service.get("/health")) {
      assertThat(health.code()).isEqualTo(200);
    }
  }

  @Test
  void anonymousCallCreationIsLimitedPerAddress() throws Exception {
    assertLimited(i -> service.anonymous().post("/calls", "{}"));
  }

  private interface Attempt {
    Response send(int i) throws Exception;
  }

  /** Five go through (the burst), then the bucket is empty: 429, JSON, with Retry-After. */
  private static void assertLimited(Attempt attempt) throws Exception {
    List<Integer> codes = new ArrayList<>();
    JsonNode limited = null;
    String retryAfter = null;
    for (int i = 0; i < 10; i++) {
      try (Response r = attempt.send(i)) {
        codes.add(r.code());
        if (r.code() == 429) {
          limited = JSON.readTree(r.body().string());
          retryAfter = r.header("Retry-After");
        }
      }
    }
    assertThat(codes.subList(0, 5)).containsOnly(200);
    assertThat(codes.subList(5, 10)).contains(429);
    assertThat(limited.get("error").asText()).contains("too many requests");
    assertThat(Long.parseLong(retryAfter)).isBetween(1L, 10L);
  }
}

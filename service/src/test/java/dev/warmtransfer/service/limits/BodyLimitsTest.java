package dev.warmtransfer.service.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.support.RawHttp;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.testkit.LiveKitServer;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Request bodies: too large is a 413 JSON at once; too slow costs no thread and ends in a 408. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BodyLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FIFTY_MB = 50 * 1024 * 1024;
  private LiveKitServer livekit;
  private ServiceUnderTest service;

  @BeforeAll
  void start() throws Exception {
    livekit = LiveKitServer.start();
    service = new ServiceUnderTest(livekit);
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

  private int port() {
    return service.app.getLocalPort();
  }

  @Test
  void twoFiftyMegabyteBodiesAtOnceAreRefusedWith413Json() throws Exception {
    // A JSON transcript that is valid as far as it goes (declared length), and a chunked webhook body.
    CompletableFuture<RawHttp.Answer> summary = CompletableFuture.supplyAsync(() -> send(
        "POST /generate-summary HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " + FIFTY_MB,
        out -> {
          out.write("{\"transcript\":\"".getBytes(StandardCharsets.US_ASCII));
          byte[] block = new byte[64 * 1024];
          Arrays.fill(block, (byte) 'a');
          for (int sent = 15; sent < FIFTY_MB; sent += block.length) {
            out.write(block, 0, Math.min(block.length, FIFTY_MB - sent));
          }
        }));
    CompletableFuture<RawHttp.Answer> webhook = CompletableFuture.supplyAsync(() -> send(
        "POST /livekit/webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/webhook+json\r\n"
            + "Authorization: x\r\nTransfer-Encoding: chunked",
        out -> {
          byte[] block = new byte[64 * 1024];
          Arrays.fill(block, (byte) 'b');
          for (int sent = 0; sent < FIFTY_MB; sent += block.length) {
            out.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(block);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }));
    for (RawHttp.Answer answer : List.of(summary.get(60, TimeUnit.SECONDS), webhook.get(60, TimeUnit.SECONDS))) {
      assertThat(answer.status()).as(answer.head()).isEqualTo(413);
      assertThat(answer.head()).containsIgnoringCase("Content-Type: application/json");
      JsonNode error = JSON.readTree(answer.body());
      assertThat(error.get("field").asText()).isEqualTo("body");
      assertThat(error.get("error").asText()).contains("larger than");
    }
    try (Response token = service.post("/token", "{\"identity\":\"after-big\",\"room\":\"r1\"}")) {
      assertThat(token.code()).isEqualTo(200);
    }
  }

  @Test
  void bodiesUpToTheLimitStillWork() throws Exception {
    String notes = "n".repeat(9_000);
    String transcript = "Account number 12345. " + "word ".repeat(19_000);
    try (Response r = service.post("/generate-summary",
        JSON.writeValueAsString(java.util.Map.of("transcript", transcript, "notes", notes)))) {
      assertThat(r.code()).isEqualTo(200);
    }
  }

  @Test
  void slowSendersDoNotStopTokenMintingAndAreCutOff() throws Exception {
    // 100 connections declare 100,000 bytes of body and send one byte every 2 s: before the fix each
    // parked one of the 64 request threads and /token stopped answering.
    List<Socket> slow = new ArrayList<>();
    Thread trickle = null;
    try {
      for (int i = 0; i < 100; i++) {
        Socket s = new Socket("127.0.0.1", port());
        s.setSoTimeout(30_000);
        s.getOutputStream().write(("POST /token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
      }
      trickle = new Thread(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(2_000);
            for (Socket s : slow) {
              try {
                OutputStream out = s.getOutputStream();
                out.write(' ');
                out.flush();
              } catch (java.io.IOException closedByServer) {
                // cut off: expected in the end
              }
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "slow-sender");
      trickle.setDaemon(true);
      trickle.start();
      Thread.sleep(2_500); // every slow request is in, and has sent a second byte

      OkHttpClient impatient = service.http.newBuilder().callTimeout(5, TimeUnit.SECONDS).build();
      for (int i = 0; i < 20; i++) {
        Request request = new Request.Builder().url(service.url("/token"))
            .header("Authorization", "Bearer " + ServiceUnderTest.API_KEY)
            .post(RequestBody.create("{\"identity\":\"caller-" + i + "\",\"room\":\"r1\"}", MediaType.get("application/json")))
            .build();
        try (Response r = impatient.newCall(request).execute()) {
          assertThat(r.code()).isEqualTo(200);
          assertThat(JSON.readTree(r.body().string()).get("token").asText()).isNotBlank();
        }
      }

      // The body deadline (limits.bodyTimeout, 10 s) ends every slow request with a JSON 408.
      for (Socket s : slow) {
        RawHttp.Answer answer = RawHttp.read(s.getInputStream());
        assertThat(answer.status()).isEqualTo(408);
        assertThat(JSON.readTree(answer.body()).get("field").asText()).isEqualTo("body");
      }
    } finally {
      if (trickle != null) {
        trickle.interrupt();
      }
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  private RawHttp.Answer send(String head, RawHttp.BodyWriter body) {
    try {
      return RawHttp.send(port(), head, body, 60_000);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

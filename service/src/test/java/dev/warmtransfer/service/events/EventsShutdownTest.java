package dev.warmtransfer.service.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.testkit.LiveKitServer;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * An open console's event stream must not hold the service's shutdown: Jetty's graceful stop waits
 * for every request in progress, and an SSE request never ends by itself (found by the browser
 * tests: the service under test timed out stopping after Agent B's console had been open).
 */
class EventsShutdownTest {
  @Test
  void stoppingTheServiceEndsOpenEventStreamsAtOnce() throws Exception {
    try (LiveKitServer livekit = LiveKitServer.start()) {
      ServiceUnderTest service = new ServiceUnderTest(livekit);
      CompletableFuture<Void> stop = null;
      try (Response events = service.as(ServiceUnderTest.API_KEY).send(new Request.Builder().url(service.url("/events")).get())) {
        assertThat(events.code()).isEqualTo(200);
        InputStream body = events.body().byteStream();
        assertThat(body.read()).as("the stream's opening comment").isEqualTo(':');
        long start = System.nanoTime();
        stop = CompletableFuture.runAsync(service::close);
        // Before the fix this waited for Jetty's whole stop timeout, then failed with a TimeoutException.
        assertThat(stop).succeedsWithin(10, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(ms).as("stop took %d ms with a console's stream open", ms).isLessThan(5_000);
        // The client sees its stream end (and reconnects to whichever service is up).
        assertThat(new String(body.readAllBytes())).doesNotContain("event:");
      } finally {
        if (stop == null) {
          service.close();
        } else {
          stop.handle((v, e) -> null).get(60, TimeUnit.SECONDS);
        }
      }
    }
  }
}

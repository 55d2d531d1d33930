package dev.warmtransfer.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.testkit.LiveKitExtension;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service serves the built app at `/`: pages revalidated, hashed assets cached for a year. */
class WebAppResourceTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();
  private static ServiceUnderTest service;

  @BeforeAll
  static void start() throws Exception {
    service = new ServiceUnderTest(LIVEKIT.server());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void pagesAreTheAppsIndexAndAreRevalidated() throws Exception {
    for (String path : new String[] {"/", "/call", "/call?link=abc", "/agent", "/room/support-call-001"}) {
      try (Response r = service.get(path)) {
        assertThat(r.code()).as(path).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.header("Cache-Control")).contains("no-cache");
        assertThat(r.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(r.body().string()).contains("<title>Warm Transfer</title>").contains("/assets/");
      }
    }
  }

  @Test
  void hashedAssetsAreCachedForAYearAndComeFromThisServer() throws Exception {
    String html;
    try (Response r = service.get("/")) {
      html = r.body().string();
    }
    assertThat(html).doesNotContain("https://").doesNotContain("http://");
    Matcher m = Pattern.compile("/assets/[A-Za-z0-9_.-]+-[A-Za-z0-9_-]{8}\\.(js|css)").matcher(html);
    int found = 0;
    while (m.find()) {
      found++;
      try (Response r = service.get(m.group())) {
        assertThat(r.code()).as(m.group()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).contains("max-age=31536000").contains("immutable");
        assertThat(r.header("Content-Type")).startsWith(m.group(1).equals("js") ? "text/javascript" : "text/css");
        assertThat(r.body().bytes()).isNotEmpty();
      }
    }
    assertThat(found).as("hashed script and stylesheet in index.html").isEqualTo(2);
  }

  @Test
  void aMissingAssetIsA404InJsonNeverHtml() throws Exception {
    try (Response r = service.get("/assets/nope-12345678.js")) {
      assertThat(r.code()).isEqualTo(404);
      assertThat(r.header("Content-Type")).startsWith("application/json");
    }
    // Climbing out of the assets folder is refused (Jetty already rejects the encoded slashes).
    try (Response r = service.get("/assets/..%2F..%2Fconfig.yml")) {
      assertThat(r.code()).isIn(400, 404);
      assertThat(r.body().string()).doesNotContain("livekit");
    }
  }

  @Test
  void theDemoFormIsOffOutsideDevMode() throws Exception {
    try (Response r = service.get("/")) {
      assertThat(r.body().string()).contains("<meta name=\"wt-dev-mode\" content=\"false\"");
    }
  }
}

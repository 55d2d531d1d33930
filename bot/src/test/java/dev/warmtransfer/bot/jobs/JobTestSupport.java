package dev.warmtransfer.bot.jobs;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpServer;
import dev.warmtransfer.bot.assistant.HoldAudio;
import dev.warmtransfer.bot.report.HttpReports;
import dev.warmtransfer.speech.SpeechConfig;
import dev.warmtransfer.bot.worker.JobContext;
import dev.warmtransfer.proto.BotInstruction;
import dev.warmtransfer.proto.BotReport;
import dev.warmtransfer.proto.JobSpec;
import dev.warmtransfer.proto.Topics;
import dev.warmtransfer.testkit.LiveKitServer;
import io.livekit.server.RoomServiceClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import livekit.LivekitModels;

/**
 * What job tests need without a worker: tokens as LiveKit mints them for a dispatched agent (kind
 * "agent", which the Kotlin AccessToken cannot set) and for people with a role, the service's
 * instructions through LiveKit's server API, and a local HTTP service that records reports.
 */
public final class JobTestSupport {
  private JobTestSupport() {}

  /** A participant token signed by hand: {@code kind} "agent" for a bot, "" for a person. */
  public static String token(LiveKitServer lk, String identity, String room, String kind, Map<String, String> attributes) {
    Map<String, Object> video = new LinkedHashMap<>();
    video.put("roomJoin", true);
    video.put("room", room);
    video.put("canPublish", true);
    video.put("canSubscribe", true);
    video.put("canPublishData", true);
    if ("agent".equals(kind)) {
      video.put("agent", true);
    }
    var jwt = JWT.create()
        .withIssuer(lk.apiKey())
        .withSubject(identity)
        .withJWTId(identity)
        .withNotBefore(Instant.now().minusSeconds(5))
        .withExpiresAt(Instant.now().plusSeconds(3600))
        .withClaim("video", video)
        .withClaim("name", identity)
        .withClaim("attributes", Map.<String, Object>copyOf(attributes));
    if (!kind.isEmpty()) {
      jwt.withClaim("kind", kind);
    }
    return jwt.sign(Algorithm.HMAC256(lk.apiSecret()));
  }

  public static String person(LiveKitServer lk, String identity, String room, String role) {
    return token(lk, identity, room, "", Map.of(Topics.ATTR_ROLE, role));
  }

  public static JobContext context(LiveKitServer lk, String identity, JobSpec spec, HttpReports reports) {
    String jobId = "AJ_" + UUID.randomUUID().toString().substring(0, 8);
    String token = token(lk, identity, spec.getRoom(), "agent", Map.of(Topics.ATTR_ROLE, "bot",
        Topics.ATTR_JOB, spec.getKind() == JobSpec.Kind.BRIEFER ? "briefer" : "assistant"));
    return new JobContext(jobId, lk.wsUrl(), token, identity, spec, reports);
  }

  /** Sends an instruction as the service does: LiveKit's SendData to the bot's identity. */
  public static void instruct(LiveKitServer lk, String room, String botIdentity, BotInstruction.Builder instruction)
      throws Exception {
    instruct(lk, room, List.of(botIdentity), instruction);
  }

  /** The same to several identities (a test's listener may watch the instruction go by). */
  public static void instruct(LiveKitServer lk, String room, List<String> to, BotInstruction.Builder instruction)
      throws Exception {
    RoomServiceClient client = RoomServiceClient.createClient(lk.httpUrl(), lk.apiKey(), lk.apiSecret());
    var response = client.sendData(room,
        instruction.setInstructionId(UUID.randomUUID().toString()).setSentAtMs(System.currentTimeMillis()).build()
            .toByteArray(),
        LivekitModels.DataPacket.Kind.RELIABLE, List.of(), to, Topics.BOT_INSTRUCTION).execute();
    if (!response.isSuccessful()) {
      throw new IllegalStateException("SendData answered " + response.code());
    }
  }

  /** Local engines (espeak-ng, pocketsphinx limited to {@code hints}), the default hold music. */
  public static JobResources localResources(List<String> hints) {
    JobResources r = JobResources.create(SpeechConfig.local(), HoldAudio.generate(), Duration.ofSeconds(20));
    return new JobResources(r.speech(), r.localSummarizer(), r.remoteSummarizer(), r.remoteSummaryInterval(),
        r.holdAudio(), hints, r.recognition(), r.synthesis(), r.summaries());
  }

  /**
   * pocketsphinx over 48 kHz audio with a JSGF grammar of the test's own (the product's
   * transcriber builds its grammar from hints; a test that looks for one structured fact, like an
   * account number, says exactly where the digits go).
   */
  public static String recognize(short[] audio48k, String jsgf) throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sphinx-test-");
    try {
      java.nio.file.Path wav = dir.resolve("heard.wav");
      java.nio.file.Path gram = dir.resolve("test.gram");
      java.nio.file.Files.write(wav, dev.warmtransfer.speech.audio.Wav.encode(
          new dev.warmtransfer.speech.audio.PcmAudio(audio48k, 48_000).resampled(16_000)));
      java.nio.file.Files.writeString(gram, jsgf);
      Process p = new ProcessBuilder("pocketsphinx_continuous", "-infile", wav.toString(), "-jsgf", gram.toString(),
          "-logfn", "/dev/null").redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("pocketsphinx took over 60 s");
      }
      return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .replace('\n', ' ').trim();
    } finally {
      try (var files = java.nio.file.Files.list(dir)) {
        files.forEach(f -> f.toFile().delete());
      }
      java.nio.file.Files.deleteIfExists(dir);
    }
  }

  /** A stand-in for the service's report endpoint: records every report it is sent. */
  public static final class ReportRecorder implements AutoCloseable {
    public final BlockingQueue<BotReport> reports = new LinkedBlockingQueue<>();
    private final HttpServer server;
    public final HttpReports client;

    public ReportRecorder() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(Topics.REPORTS_PATH, ex -> {
        if ("Bearer test-bot-token".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
          reports.add(BotReport.parseFrom(ex.getRequestBody().readAllBytes()));
          ex.sendResponseHeaders(204, -1);
        } else {
          ex.sendResponseHeaders(401, -1);
        }
        ex.close();
      });
      server.start();
      client = new HttpReports("http://127.0.0.1:" + server.getAddress().getPort(), "test-bot-token", 3,
          Duration.ofMillis(50), 10_000);
    }

    /** The base URL a worker process reports to (WT_SERVICE_URL); the token is {@code test-bot-token}. */
    public String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next report that matches, skipping others; null after the timeout. */
    public BotReport await(Predicate<BotReport> match, long timeoutMs) throws InterruptedException {
      long deadline = System.currentTimeMillis() + timeoutMs;
      long left;
      while ((left = deadline - System.currentTimeMillis()) > 0) {
        BotReport r = reports.poll(left, TimeUnit.MILLISECONDS);
        if (r != null && match.test(r)) {
          return r;
        }
      }
      return null;
    }

    @Override
    public void close() {
      client.close(Duration.ofSeconds(1));
      server.stop(0);
    }
  }
}

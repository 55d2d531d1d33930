package dev.warmtransfer.bot.worker;

import dev.warmtransfer.proto.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A worker's settings, from the environment. The API secret signs the worker's own agent token
 * (LiveKit mints the job tokens with the same key); it is never logged ({@link #toString()}).
 *
 * @param url LiveKit's WebSocket URL (ws:// or wss://): the worker socket and the jobs' rooms
 * @param agentName the name the service dispatches to; never empty, so LiveKit never auto-dispatches us
 * @param maxJobs the jobs this worker runs at once; it reports itself full at this limit
 * @param serviceUrl where jobs report ({@code POST <serviceUrl>/internal/bot/reports})
 * @param botToken the bots' shared credential for those reports; empty means reports are not sent
 * @param statusInterval how often the worker reports its load and status
 * @param drainTimeout how long a drain waits for running jobs before it stops them
 */
public record WorkerConfig(String url, String apiKey, String apiSecret, String agentName, int maxJobs,
    String serviceUrl, String botToken, Duration statusInterval, Duration drainTimeout) {
  public static final int DEFAULT_MAX_JOBS = 25;

  public WorkerConfig {
    requireText(url, "LIVEKIT_URL");
    if (!url.startsWith("ws://") && !url.startsWith("wss://") && !url.startsWith("http://")
        && !url.startsWith("https://")) {
      throw new IllegalArgumentException("LIVEKIT_URL: expected ws://, wss://, http:// or https://, got " + url);
    }
    requireText(apiKey, "LIVEKIT_API_KEY");
    requireText(apiSecret, "LIVEKIT_API_SECRET");
    requireText(agentName, "WT_AGENT_NAME");
    if (maxJobs <= 0) {
      throw new IllegalArgumentException("WT_WORKER_MAX_JOBS: must be at least 1, got " + maxJobs);
    }
    requireText(serviceUrl, "WT_SERVICE_URL");
    Objects.requireNonNull(botToken, "WT_BOT_TOKEN");
    Objects.requireNonNull(statusInterval, "statusInterval");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
  }

  /** Reads LIVEKIT_URL, LIVEKIT_API_KEY/SECRET, WT_AGENT_NAME, WT_SERVICE_URL, WT_BOT_TOKEN, WT_WORKER_MAX_JOBS. */
  public static WorkerConfig fromEnv(Map<String, String> env) {
    String maxJobs = env.getOrDefault("WT_WORKER_MAX_JOBS", "");
    int max;
    try {
      max = maxJobs.isBlank() ? DEFAULT_MAX_JOBS : Integer.parseInt(maxJobs.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("WT_WORKER_MAX_JOBS: not a whole number: " + maxJobs);
    }
    return new WorkerConfig(
        env.getOrDefault("LIVEKIT_URL", "ws://127.0.0.1:7880"),
        env.getOrDefault("LIVEKIT_API_KEY", "devkey"),
        env.get("LIVEKIT_API_SECRET"),
        nonBlank(env.get("WT_AGENT_NAME"), Topics.AGENT_NAME),
        max,
        nonBlank(env.get("WT_SERVICE_URL"), "http://127.0.0.1:8000"),
        env.getOrDefault("WT_BOT_TOKEN", ""),
        Duration.ofMillis(2500),
        Duration.ofHours(1));
  }

  public WorkerConfig withStatusInterval(Duration interval) {
    return new WorkerConfig(url, apiKey, apiSecret, agentName, maxJobs, serviceUrl, botToken, interval, drainTimeout);
  }

  /** The worker endpoint: {@code <url>/agent} with ws(s). */
  public String agentEndpoint() {
    String base = url.replaceFirst("^http", "ws");
    return (base.endsWith("/") ? base : base + "/") + "agent";
  }

  @Override
  public String toString() {
    return "WorkerConfig[url=" + url + ", apiKey=" + apiKey + ", agentName=" + agentName + ", maxJobs=" + maxJobs
        + ", serviceUrl=" + serviceUrl + ", botToken=" + (botToken.isEmpty() ? "none" : "set") + "]";
  }

  private static String nonBlank(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + ": not set");
    }
  }
}

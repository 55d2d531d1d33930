package dev.warmtransfer.service.limits;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The {@code limits:} part of config.yml: what one client or one burst may take from the service. */
public class LimitsConfig {
  /** Largest request body; a transcript of 100,000 characters fits with room to spare. */
  @NotNull private DataSize maxBodySize = DataSize.mebibytes(1);
  /** A request's whole body must arrive within this; slower senders get a 408. */
  @NotNull private Duration bodyTimeout = Duration.seconds(10);
  /** Threads for summaries (about the machine's cores), jobs that may wait, and how long one may take. */
  @Min(1) @Max(64) private int heavyThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
  @Min(0) @Max(10_000) private int heavyQueue = 16;
  @NotNull private Duration heavyDeadline = Duration.seconds(15);
  /** Token minting and call creation, per address for anonymous requests and per API key or agent. */
  @DecimalMin("0.01") private double perAddressPerSecond = 5;
  @Min(1) private int perAddressBurst = 20;
  @DecimalMin("0.01") private double perKeyPerSecond = 200;
  @Min(1) private int perKeyBurst = 400;

  @JsonProperty public DataSize getMaxBodySize() { return maxBodySize; }
  @JsonProperty public void setMaxBodySize(DataSize v) { maxBodySize = v; }
  @JsonProperty public Duration getBodyTimeout() { return bodyTimeout; }
  @JsonProperty public void setBodyTimeout(Duration v) { bodyTimeout = v; }
  @JsonProperty public int getHeavyThreads() { return heavyThreads; }
  @JsonProperty public void setHeavyThreads(int v) { heavyThreads = v; }
  @JsonProperty public int getHeavyQueue() { return heavyQueue; }
  @JsonProperty public void setHeavyQueue(int v) { heavyQueue = v; }
  @JsonProperty public Duration getHeavyDeadline() { return heavyDeadline; }
  @JsonProperty public void setHeavyDeadline(Duration v) { heavyDeadline = v; }
  @JsonProperty public double getPerAddressPerSecond() { return perAddressPerSecond; }
  @JsonProperty public void setPerAddressPerSecond(double v) { perAddressPerSecond = v; }
  @JsonProperty public int getPerAddressBurst() { return perAddressBurst; }
  @JsonProperty public void setPerAddressBurst(int v) { perAddressBurst = v; }
  @JsonProperty public double getPerKeyPerSecond() { return perKeyPerSecond; }
  @JsonProperty public void setPerKeyPerSecond(double v) { perKeyPerSecond = v; }
  @JsonProperty public int getPerKeyBurst() { return perKeyBurst; }
  @JsonProperty public void setPerKeyBurst(int v) { perKeyBurst = v; }
}

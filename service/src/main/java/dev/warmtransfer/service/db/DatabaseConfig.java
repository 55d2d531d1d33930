package dev.warmtransfer.service.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Where the service keeps transfers, timelines and transcripts: an H2 file under {@code run/} by
 * default, PostgreSQL when {@code DATABASE_URL} names one.
 */
public class DatabaseConfig {
  @NotEmpty
  @Pattern(regexp = "^jdbc:(h2|postgresql):.+", message = "must be a jdbc:h2: or jdbc:postgresql: URL")
  private String url = "jdbc:h2:file:./run/warm-transfer";

  private String user = "";

  private String password = "";

  @Min(1)
  @Max(100)
  private int maxConnections = 10;

  /** How long a request waits for a free connection (or the database to answer one) before failing. */
  @NotNull private Duration connectTimeout = Duration.seconds(5);

  @JsonProperty
  public String getUrl() {
    return url;
  }

  @JsonProperty
  public void setUrl(String url) {
    this.url = url;
  }

  @JsonProperty
  public String getUser() {
    return user;
  }

  @JsonProperty
  public void setUser(String user) {
    this.user = user == null ? "" : user;
  }

  // Write-only: the password must never be serialized back out.
  @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
  public String getPassword() {
    return password;
  }

  @JsonProperty
  public void setPassword(String password) {
    this.password = password == null ? "" : password;
  }

  @JsonProperty
  public int getMaxConnections() {
    return maxConnections;
  }

  @JsonProperty
  public void setMaxConnections(int maxConnections) {
    this.maxConnections = maxConnections;
  }

  @JsonProperty
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  @JsonProperty
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public boolean isH2() {
    return url.startsWith("jdbc:h2:");
  }

  /**
   * The URL the pool opens. H2 runs in its PostgreSQL mode with lower-case names, so one set of
   * migrations and queries serves both; the process, not H2, decides when the file closes.
   */
  public String jdbcUrl() {
    if (!isH2()) {
      return url;
    }
    StringBuilder u = new StringBuilder(url);
    if (!url.toUpperCase().contains(";MODE=")) {
      u.append(";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }
    if (!url.toUpperCase().contains(";DB_CLOSE_ON_EXIT=")) {
      u.append(";DB_CLOSE_ON_EXIT=FALSE");
    }
    return u.toString();
  }

  /** The URL without credentials or options, for logs. */
  public String describe() {
    int semi = url.indexOf(';');
    int query = url.indexOf('?');
    int cut = semi < 0 ? query : query < 0 ? semi : Math.min(semi, query);
    return cut < 0 ? url : url.substring(0, cut);
  }
}

package dev.warmtransfer.speech.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import dev.warmtransfer.speech.SpeechConfig;
import dev.warmtransfer.speech.SpeechException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One OpenAI client for the three capabilities, and the translation of its errors. */
public final class OpenAi {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAi.class);
  private final OpenAIClient client;
  private final SpeechConfig config;
  private final AtomicBoolean keyRejected = new AtomicBoolean();

  public OpenAi(SpeechConfig config) {
    if (!config.hasApiKey()) {
      throw new IllegalArgumentException("config has no apiKey");
    }
    this.config = config;
    // Retries are ours (Fallback), so the SDK must not retry on its own.
    this.client =
        OpenAIOkHttpClient.builder()
            .apiKey(config.apiKey())
            .baseUrl(config.baseUrl())
            .timeout(config.timeout())
            .maxRetries(0)
            .build();
  }

  public OpenAIClient client() {
    return client;
  }

  public SpeechConfig config() {
    return config;
  }

  /** After a 401 every call goes straight to the local engines: the key will not start working. */
  public void ensureUsable() {
    if (keyRejected.get()) {
      throw new SpeechException("OpenAI key was rejected earlier", false);
    }
  }

  /**
   * Checks the key once (lists models); a rejected key is reported once, clearly, and disables
   * OpenAI for this process. Returns whether OpenAI can be used.
   */
  public boolean verifyKey() {
    try {
      client.models().list();
      LOG.info("event=openai_key_accepted base_url={}", config.baseUrl());
      return true;
    } catch (UnauthorizedException e) {
      rejectKey();
      return false;
    } catch (RuntimeException e) {
      // Unreachable now is not a bad key: requests will retry and fall back one by one.
      LOG.warn("event=openai_key_unchecked base_url={} reason=\"{}\"", config.baseUrl(), e.getClass().getSimpleName());
      return true;
    }
  }

  private void rejectKey() {
    if (keyRejected.compareAndSet(false, true)) {
      LOG.error(
          "event=openai_key_rejected base_url={} action=\"using local speech engines; check OPENAI_API_KEY\"",
          config.baseUrl());
    }
  }

  /** Maps an SDK failure to ours: timeouts, 429 and 5xx can be retried; the rest cannot. */
  public SpeechException translate(Throwable e) {
    if (e instanceof SpeechException s) {
      return s;
    }
    if (e instanceof UnauthorizedException) {
      rejectKey();
      return new SpeechException("OpenAI rejected the key (401)", false, e);
    }
    if (e instanceof RateLimitException) {
      return new SpeechException("OpenAI rate limit (429)", true, e);
    }
    if (e instanceof InternalServerException s) {
      return new SpeechException("OpenAI server error (" + s.statusCode() + ")", true, e);
    }
    if (e instanceof OpenAIServiceException s) {
      return new SpeechException("OpenAI refused the request (" + s.statusCode() + ")", false, e);
    }
    if (e instanceof OpenAIIoException || e instanceof java.io.IOException
        || e.getCause() instanceof java.io.IOException) {
      return new SpeechException("OpenAI unreachable or too slow: " + e.getClass().getSimpleName(), true, e);
    }
    return new SpeechException("OpenAI answer unusable: " + e.getClass().getSimpleName(), false, e);
  }
}

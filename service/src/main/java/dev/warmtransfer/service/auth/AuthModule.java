package dev.warmtransfer.service.auth;

import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything "who may do what" adds to the service, installed in one call from the application. */
public final class AuthModule {
  private static final Logger LOG = LoggerFactory.getLogger(AuthModule.class);
  /** The dev key's identity in logs and LiveKit metadata; never the key itself. */
  public static final String DEV_KEY_ID = "dev-key";

  private final CredentialCache credentials;
  private final Access access;

  private AuthModule(CredentialCache credentials, Access access) {
    this.credentials = credentials;
    this.access = access;
  }

  public static AuthModule install(
      Environment env, boolean devMode, AuthSettings settings, String livekitKey, String livekitSecret) {
    StartupGuard.check(devMode, livekitKey, livekitSecret, settings.getApiKey());
    CredentialCache credentials = new CredentialCache(Clock.systemUTC());
    Map<String, Actor> keys = new HashMap<>();
    if (!settings.getApiKey().isEmpty()) {
      keys.put(Secrets.digest(settings.getApiKey()), Actor.apiClient(DEV_KEY_ID, "dev key (WT_API_KEY)", Right.all()));
    }
    credentials.replaceKeys(keys);
    Access access = new Access(devMode);
    env.jersey().register(new AuthFilter(access, credentials));
    LOG.info("event=auth_configured dev_mode={} dev_key={}", devMode, !settings.getApiKey().isEmpty());
    return new AuthModule(credentials, access);
  }

  public CredentialCache credentials() {
    return credentials;
  }

  public Access access() {
    return access;
  }
}

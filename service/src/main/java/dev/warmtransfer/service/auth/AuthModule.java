package dev.warmtransfer.service.auth;

import dev.warmtransfer.service.WarmTransferConfiguration;
import dev.warmtransfer.service.calls.CallLinks;
import dev.warmtransfer.service.calls.CallsResource;
import dev.warmtransfer.service.calls.TakenCalls;
import dev.warmtransfer.service.calls.WaitingCalls;
import dev.warmtransfer.service.livekit.LiveKitConfig;
import dev.warmtransfer.service.livekit.LiveKitRooms;
import dev.warmtransfer.service.token.TokenIssuer;
import dev.warmtransfer.service.webhook.RoomActivity;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;
import livekit.LivekitWebhook.WebhookEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything "who may do what" adds to the service, installed in one call from the application. */
public final class AuthModule {
  private static final Logger LOG = LoggerFactory.getLogger(AuthModule.class);
  /** The dev key's identity in logs; never the key itself. */
  public static final String DEV_KEY_ID = "dev-key";

  private final CredentialCache credentials;
  private final Access access;
  private final WaitingCalls waitingCalls;
  private final TakenCalls takenCalls;
  private final AuthStore store;

  private AuthModule(CredentialCache credentials, Access access, WaitingCalls waitingCalls, TakenCalls takenCalls,
      AuthStore store) {
    this.store = store;
    this.credentials = credentials;
    this.access = access;
    this.waitingCalls = waitingCalls;
    this.takenCalls = takenCalls;
  }

  /**
   * Refuses a published secret outside dev mode, then guards every request and adds sign-in and the
   * caller endpoints. Call after the database is managed: the bootstrap runs once it is migrated.
   */
  public static AuthModule install(
      Environment env, WarmTransferConfiguration config, Jdbi jdbi, LiveKitRooms rooms, TokenIssuer tokens,
      RoomActivity activity) {
    boolean devMode = config.isDevMode();
    AuthSettings settings = config.getAuth();
    LiveKitConfig livekit = config.getLivekit();
    StartupGuard.check(devMode, livekit.getApiKey(), livekit.getApiSecret(), settings.getApiKey());
    Clock clock = Clock.systemUTC();
    CredentialCache credentials = new CredentialCache(clock);
    Map<String, Actor> keys = new HashMap<>();
    if (!settings.getApiKey().isEmpty()) {
      keys.put(Secrets.digest(settings.getApiKey()), Actor.apiClient(DEV_KEY_ID, "dev key (WT_API_KEY)", Right.all()));
    }
    credentials.replaceKeys(keys);
    Access access = new Access(devMode);
    env.jersey().register(new AuthFilter(access, credentials));
    AuthStore store = new AuthStore(jdbi, clock);
    Sessions sessions = new Sessions(store, credentials, keys, millis(settings.getSessionTtl()), clock);
    env.lifecycle().manage(new AuthBootstrap(store, sessions, devMode, settings.getDemoPassword()));
    env.jersey().register(new LoginResource(sessions, store, devMode));

    CallLinks links = new CallLinks(livekit.getApiSecret(), millis(settings.getCallLinkTtl()), clock);
    WaitingCalls waiting = new WaitingCalls(10_000, millis(config.getTokenTtl()), clock);
    TakenCalls taken = new TakenCalls(jdbi, clock);
    activity.addListener(new RoomActivity.Listener() {
      @Override
      public void onEvent(WebhookEvent event) {
        if ("room_finished".equals(event.getEvent())) {
          waiting.forget(event.getRoom().getName());
          taken.forget(event.getRoom().getName());
        }
      }
    });
    env.jersey().register(new CallsResource(rooms, tokens, links, waiting, taken, livekit.getPublicUrl()));

    LOG.info("event=auth_configured dev_mode={} dev_key={}", devMode, !settings.getApiKey().isEmpty());
    return new AuthModule(credentials, access, waiting, taken, store);
  }

  private static Duration millis(io.dropwizard.util.Duration d) {
    return Duration.ofMillis(d.toMilliseconds());
  }

  public CredentialCache credentials() {
    return credentials;
  }

  public Access access() {
    return access;
  }

  /** The caller rooms: waiting, or taken and by whom (TokenResource asks before minting an agent's token). */
  public WaitingCalls waitingCalls() {
    return waitingCalls;
  }

  /** Who took each call room, kept while the room lives (TokenResource asks outside dev mode). */
  public TakenCalls takenCalls() {
    return takenCalls;
  }

  /** An agent's display name by LiveKit identity ({@code agent-<username>}), for what callers hear. */
  public Optional<String> displayNameOf(String identity) {
    return store.displayNameOf(identity);
  }
}

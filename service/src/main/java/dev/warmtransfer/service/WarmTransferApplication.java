package dev.warmtransfer.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.api.NoStoreFilter;
import dev.warmtransfer.service.errors.StrictJson;
import dev.warmtransfer.service.limits.BoundedSummarizer;
import dev.warmtransfer.service.limits.HeavyWork;
import dev.warmtransfer.service.limits.Limits;
import dev.warmtransfer.speech.summary.Summarizer;
import dev.warmtransfer.service.auth.AuthModule;
import dev.warmtransfer.service.auth.RoomMembers;
import dev.warmtransfer.service.briefing.SummaryResource;
import dev.warmtransfer.service.db.Database;
import dev.warmtransfer.service.db.DatabaseHealthCheck;
import dev.warmtransfer.service.docs.DocsResource;
import dev.warmtransfer.service.transfer.TransferAccess;
import dev.warmtransfer.service.transfer.TransferModule;
import dev.warmtransfer.service.transfer.TransferStore;
import dev.warmtransfer.speech.Speech;
import io.dropwizard.lifecycle.Managed;
import dev.warmtransfer.service.errors.JsonErrorMapper;
import dev.warmtransfer.service.errors.LiveKitErrorMapper;
import dev.warmtransfer.service.errors.UnexpectedErrorMapper;
import dev.warmtransfer.service.errors.ValidationErrorMapper;
import dev.warmtransfer.service.errors.WebErrorMapper;
import dev.warmtransfer.service.health.HealthResource;
import dev.warmtransfer.service.health.LiveKitHealthCheck;
import dev.warmtransfer.service.livekit.LiveKitConfig;
import dev.warmtransfer.service.livekit.LiveKitRooms;
import dev.warmtransfer.service.room.RoomResource;
import dev.warmtransfer.service.token.TokenIssuer;
import dev.warmtransfer.service.token.TokenResource;
import dev.warmtransfer.service.web.WebAppResource;
import dev.warmtransfer.service.webhook.RoomActivity;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.swagger.v3.jaxrs2.integration.resources.OpenApiResource;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class WarmTransferApplication extends Application<WarmTransferConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(WarmTransferApplication.class);
  private final RoomActivity activity = new RoomActivity();
  private Database database;
  private TransferModule transfers;

  public static void main(String[] args) throws Exception {
    new WarmTransferApplication().run(args);
  }

  @Override
  public String getName() {
    return "warm-transfer";
  }

  @Override
  public void initialize(Bootstrap<WarmTransferConfiguration> bootstrap) {
    // ${LIVEKIT_URL:-default} in config.yml; non-strict so every variable can fall back to a default.
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.addCommand(new dev.warmtransfer.service.admin.AdminCommand()); // ./warm-transfer admin
  }

  @Override
  public void run(WarmTransferConfiguration config, Environment env) {
    strictJson(env.getObjectMapper());
    // Our mappers answer every error as {error, field}; Dropwizard's defaults would compete with them.
    ((AbstractServerFactory) config.getServerFactory()).setRegisterDefaultExceptionMappers(false);

    LiveKitConfig livekit = config.getLivekit();
    LiveKitRooms rooms = new LiveKitRooms(livekit);
    TokenIssuer tokens =
        new TokenIssuer(
            livekit.getApiKey(),
            livekit.getApiSecret(),
            Duration.ofMillis(config.getTokenTtl().toMilliseconds()),
            Clock.systemUTC());
    Speech speech = Speech.create(config.getSpeech().toConfig());
    // A rejected OpenAI key is reported once at start-up; checked off the start-up path.
    env.lifecycle().manage(new Managed() {
      @Override
      public void start() {
        Thread check = new Thread(speech::verifyKey, "openai-key-check");
        check.setDaemon(true);
        check.start();
      }
    });
    // The database is migrated when the lifecycle starts, before Jetty accepts requests.
    database = new Database(config.getDatabase());
    env.lifecycle().manage(database);
    env.healthChecks().register("database", new DatabaseHealthCheck(database, Duration.ofSeconds(2)));
    // Who may do what: refuses published secrets outside dev mode, then guards every request.
    AuthModule auth = AuthModule.install(env, config, database.jdbi(), rooms, tokens, activity);

    LiveKitHealthCheck livekitHealth = new LiveKitHealthCheck(rooms);
    env.healthChecks().register("livekit", livekitHealth);
    // Hostile input and load: body limits, JSON errors from Jetty, rate limits, a bounded summary pool.
    HeavyWork heavyWork = Limits.install(env, config.getLimits());
    Summarizer summarizer = new BoundedSummarizer(speech.summarizer(), heavyWork);
    env.jersey().register(new NoStoreFilter());

    // Who belongs in a room (outside dev mode): a call the agent took, or an open transfer's room.
    TransferStore transferRooms = new TransferStore(database.jdbi());
    RoomMembers members =
        (room, agent) -> auth.takenCalls().tookCall(room, agent) || transferRooms.isMemberOfOpen(room, agent);
    env.jersey().register(new TokenResource(tokens, livekit.getPublicUrl(), auth.waitingCalls(), members,
        config.isDevMode()));
    env.jersey().register(new RoomResource(rooms));
    env.jersey().register(new SummaryResource(summarizer));
    env.jersey().register(new HealthResource(livekitHealth, env.healthChecks()));
    // Transfers: state machine, stored actions, timers, webhooks, bot reports, SSE (after the database).
    transfers = new TransferModule(env, database, livekit, tokens, speech, config.getTransfers(), config.getBots(),
        activity, new TransferAccess(members, config.isDevMode()), auth::displayNameOf, Clock.systemUTC());
    env.jersey().register(new DocsResource());
    env.jersey().register(new WebAppResource(config.isDevMode()));
    env.jersey().register(openApi());

    env.jersey().register(new ValidationErrorMapper());
    env.jersey().register(new JsonErrorMapper());
    env.jersey().register(new WebErrorMapper());
    env.jersey().register(new LiveKitErrorMapper());
    env.jersey().register(new UnexpectedErrorMapper());
    LOG.info("event=service_configured livekit_url={} api_key={}", livekit.getUrl(), livekit.getApiKey());
  }

  /** What LiveKit's webhooks told us about rooms; exposed for tests and later features. */
  public RoomActivity roomActivity() {
    return activity;
  }

  /** The service's database (JDBI, migrated on start); for readiness and tests. */
  public Database database() {
    return database;
  }

  /** The transfer feature (its service, runner and feed); for tests. */
  public TransferModule transfers() {
    return transfers;
  }

  /** A string field given a number or a boolean is a client mistake, not something to guess at. */
  static void strictJson(ObjectMapper mapper) {
    StrictJson.configure(mapper);
  }

  private static OpenApiResource openApi() {
    OpenAPI api = new OpenAPI().info(new Info().title("Warm Transfer API").version("1"));
    SwaggerConfiguration swagger =
        new SwaggerConfiguration()
            .openAPI(api)
            .prettyPrint(true)
            .resourcePackages(Set.of("dev.warmtransfer.service"));
    OpenApiResource resource = new OpenApiResource();
    resource.setOpenApiConfiguration(swagger);
    return resource;
  }
}

package dev.warmtransfer.service.transfer;

import dev.warmtransfer.service.db.Database;
import dev.warmtransfer.service.events.EventsResource;
import dev.warmtransfer.service.events.TransferFeed;
import dev.warmtransfer.service.livekit.LiveKitConfig;
import dev.warmtransfer.service.livekit.LiveKitControl;
import dev.warmtransfer.service.token.TokenIssuer;
import dev.warmtransfer.service.webhook.RoomActivity;
import dev.warmtransfer.service.webhook.WebhookResource;
import dev.warmtransfer.speech.Speech;
import dev.warmtransfer.speech.summary.LocalSummarizer;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.glassfish.jersey.media.sse.SseFeature;

/** Builds the transfer feature and registers it: one place, so the application's wiring stays short. */
public final class TransferModule {
  private final TransferService service;
  private final ActionRunner runner;
  private final TransferFeed feed = new TransferFeed();

  public TransferModule(Environment env, Database database, LiveKitConfig livekitConfig, TokenIssuer tokens, Speech speech,
      TransferSettings settings, BotSettings bots, RoomActivity activity, TransferAccess access, AgentNames names,
      Clock clock) {
    TransferTimers timers = settings.timers();
    TransferStore store = new TransferStore(database.jdbi());
    CallRecords calls = new CallRecords(database.jdbi());
    LiveKitControl livekit = new LiveKitControl(livekitConfig);
    String wsUrl = livekitConfig.getPublicUrl();
    service = new TransferService(store, new TransferMachine(timers, names), clock);
    ActionExecutor executor = new ActionExecutor(livekit, store, calls, tokens, wsUrl, feed, timers, clock);
    runner = new ActionRunner(service, executor, new TransferReconciler(service, livekit), clock);
    BriefingImprover improver =
        new BriefingImprover(speech.openai().isPresent() ? speech.summarizer() : null, calls, store, livekit, clock);
    CallAssistants assistants = new CallAssistants(livekit, calls, clock);
    activity.addListener(assistants);
    // After the database (registered before us): actions and timers need the migrated schema.
    env.lifecycle().manage(runner);
    env.lifecycle().manage(new ChangeRelay(store, calls, feed, clock));
    env.lifecycle().manage(improver);
    env.lifecycle().manage(assistants);

    env.jersey().register(SseFeature.class);
    env.jersey().register(new TransferProblem.Mapper());
    env.jersey().register(new TransferResource(service, calls, tokens, new LocalSummarizer(), improver, access, wsUrl, clock));
    env.jersey().register(new TransfersResource(service, calls, tokens, access, wsUrl));
    env.jersey().register(new MoveCallerResource(service, tokens, access, wsUrl));
    env.jersey().register(new BotReportsResource(bots.getToken(), service, calls));
    env.jersey().register(new EventsResource(feed, access::maySee));
    // As the server starts stopping, before Jetty's graceful stop waits for requests in progress:
    // open consoles' event streams would otherwise hold the stop for its whole timeout.
    env.lifecycle().addEventListener(new LifeCycle.Listener() {
      @Override
      public void lifeCycleStopping(LifeCycle event) {
        if (event instanceof Server) {
          feed.close();
        }
      }
    });
    env.jersey().register(new WebhookResource(livekitConfig.getApiKey(), livekitConfig.getApiSecret(), activity, service));
  }

  public TransferService service() {
    return service;
  }

  public ActionRunner runner() {
    return runner;
  }

  public TransferFeed feed() {
    return feed;
  }
}

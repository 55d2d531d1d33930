package dev.warmtransfer.service.events;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: Server-Sent Events, one {@code event: transfer} per change of a transfer the
 * caller may see, its data the transfer's JSON. Sends are asynchronous: no thread waits per console.
 */
@Path("/events")
public class EventsResource {
  private static final Logger LOG = LoggerFactory.getLogger(EventsResource.class);
  private final TransferFeed feed;
  private final BiPredicate<SecurityContext, TransferFeed.Change> maySee;

  public EventsResource(TransferFeed feed, BiPredicate<SecurityContext, TransferFeed.Change> maySee) {
    this.feed = feed;
    this.maySee = maySee;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(summary = "Transfer changes as Server-Sent Events (event: transfer, data: the transfer's JSON)")
  public void events(@Context SseEventSink sink, @Context Sse sse, @Context SecurityContext security) {
    AtomicReference<Runnable> unsubscribe = new AtomicReference<>();
    unsubscribe.set(feed.subscribe(new TransferFeed.Subscriber() {
      @Override
      public void onChange(TransferFeed.Change change) {
        if (sink.isClosed()) {
          unsubscribe.get().run();
          return;
        }
        if (!maySee.test(security, change)) {
          return;
        }
        OutboundSseEvent event = sse.newEventBuilder()
            .name("transfer")
            .id(change.transferId())
            .mediaType(MediaType.APPLICATION_JSON_TYPE)
            .data(change.view().getClass(), change.view())
            .build();
        sink.send(event).whenComplete((ok, error) -> {
          if (error != null) {
            unsubscribe.get().run();
            sink.close();
          }
        });
      }

      @Override
      public void onClose() {
        sink.close();
      }
    }));
    // A comment first, so the client sees the stream open (and proxies flush it).
    sink.send(sse.newEventBuilder().comment("transfers").build());
    LOG.info("event=sse_opened subscribers={}", feed.subscribers());
  }
}

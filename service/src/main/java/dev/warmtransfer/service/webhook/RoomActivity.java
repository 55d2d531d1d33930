package dev.warmtransfer.service.webhook;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import livekit.LivekitWebhook.WebhookEvent;

/**
 * Who is in which room, as LiveKit's webhooks tell it. Transfers read it to know when an agent
 * has really joined or a caller has hung up, without polling LiveKit.
 */
public final class RoomActivity {
  /** Told of every verified webhook, on the webhook's request thread; must not block. */
  public interface Listener {
    default void onEvent(WebhookEvent event) {}
  }

  private final Map<String, Set<String>> present = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  void record(WebhookEvent event) {
    String room = event.getRoom().getName();
    String identity = event.getParticipant().getIdentity();
    switch (event.getEvent()) {
      case "participant_joined" -> present.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(identity);
      case "participant_left", "participant_connection_aborted" -> {
        Set<String> in = present.get(room);
        if (in != null) {
          in.remove(identity);
        }
      }
      case "room_finished" -> present.remove(room);
      default -> {}
    }
    for (Listener l : listeners) {
      l.onEvent(event);
    }
  }

  /** The identities LiveKit last reported in a room. */
  public Set<String> participants(String room) {
    Set<String> in = present.get(room);
    return in == null ? Set.of() : Set.copyOf(in);
  }
}

package dev.warmtransfer.bot.room;

import java.util.Map;
import java.util.Objects;
import livekit.LivekitModels;

/**
 * Another participant as LiveKit last described it: a snapshot, replaced whenever LiveKit sends
 * an update (attributes change during a call, e.g. an agent's state).
 */
public record RemoteParticipant(String identity, String sid, String name, LivekitModels.ParticipantInfo.Kind kind,
    Map<String, String> attributes) {
  public RemoteParticipant {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
  }

  static RemoteParticipant of(LivekitModels.ParticipantInfo p) {
    return new RemoteParticipant(p.getIdentity(), p.getSid(), p.getName(), p.getKind(), p.getAttributesMap());
  }

  /** True for LiveKit agents (bots dispatched to a worker), false for people. */
  public boolean isAgent() {
    return kind == LivekitModels.ParticipantInfo.Kind.AGENT;
  }
}

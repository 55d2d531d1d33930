package dev.warmtransfer.bot.room;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import livekit.LivekitModels;

/**
 * Who else is in the room and which tracks are theirs, from LiveKit's participant updates.
 * Changed on the room loop only; read from any thread (remote audio is labelled on WebRTC's).
 */
final class Participants {
  private final Map<String, String> identityBySid = new ConcurrentHashMap<>();
  private final Map<String, String> identityByTrack = new ConcurrentHashMap<>();
  private final Map<String, RemoteParticipant> byIdentity = new ConcurrentHashMap<>();
  // Sids LiveKit has reported ACTIVE (their media connection is up), so each is announced once.
  private final Set<String> active = ConcurrentHashMap.newKeySet();

  /** Applies an update and tells {@code listener} what changed; our own entry is skipped. */
  void update(List<LivekitModels.ParticipantInfo> participants, String localIdentity, RoomListener listener) {
    for (LivekitModels.ParticipantInfo p : participants) {
      if (p.getIdentity().equals(localIdentity)) {
        continue;
      }
      if (p.getState() == LivekitModels.ParticipantInfo.State.DISCONNECTED) {
        left(p, listener);
      } else {
        present(p, listener);
      }
    }
  }

  private void left(LivekitModels.ParticipantInfo p, RoomListener listener) {
    active.remove(p.getSid());
    if (identityBySid.remove(p.getSid()) == null) {
      return;
    }
    byIdentity.computeIfPresent(p.getIdentity(), (k, v) -> v.sid().equals(p.getSid()) ? null : v);
    identityByTrack.entrySet().removeIf(e -> {
      boolean theirs = e.getValue().equals(p.getIdentity());
      if (theirs) {
        listener.onTrackUnsubscribed(p.getIdentity(), e.getKey());
      }
      return theirs;
    });
    listener.onParticipantLeft(p.getIdentity());
  }

  private void present(LivekitModels.ParticipantInfo p, RoomListener listener) {
    byIdentity.put(p.getIdentity(), RemoteParticipant.of(p));
    if (identityBySid.put(p.getSid(), p.getIdentity()) == null) {
      listener.onParticipantJoined(p.getIdentity());
    }
    Set<String> now = new HashSet<>();
    p.getTracksList().forEach(t -> {
      now.add(t.getSid());
      identityByTrack.put(t.getSid(), p.getIdentity());
    });
    identityByTrack.entrySet().removeIf(e -> {
      boolean gone = e.getValue().equals(p.getIdentity()) && !now.contains(e.getKey());
      if (gone) {
        listener.onTrackUnsubscribed(p.getIdentity(), e.getKey());
      }
      return gone;
    });
    if (p.getState() == LivekitModels.ParticipantInfo.State.ACTIVE && active.add(p.getSid())) {
      listener.onParticipantActive(p.getIdentity());
    }
  }

  /** The identity publishing {@code trackSid}, or "" when LiveKit has not told us yet. */
  String identityOfTrack(String trackSid) {
    return identityByTrack.getOrDefault(trackSid, "");
  }

  String identityOfSid(String sid) {
    return identityBySid.get(sid);
  }

  RemoteParticipant byIdentity(String identity) {
    return byIdentity.get(identity);
  }

  List<RemoteParticipant> all() {
    return List.copyOf(byIdentity.values());
  }

  Set<String> identities() {
    return Set.copyOf(identityBySid.values());
  }

  /** A rejoin starts from nothing: the new session's join lists everyone again. */
  void clear() {
    identityBySid.clear();
    identityByTrack.clear();
    byIdentity.clear();
    active.clear();
  }
}

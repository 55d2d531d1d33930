package dev.warmtransfer.bot.rtc;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import livekit.LivekitRtc;

/**
 * Which LiveKit track each m-line of the subscriber connection carries, from LiveKit's latest
 * offer. LiveKit reuses a transceiver that an unsubscribed track left inactive for the next track
 * it sends (same mid, new msid), so a receiver's first track is not whose audio it carries later.
 * Written on the session loop before the offer is applied; read on WebRTC's audio thread.
 */
final class SubscribedTracks {
  private final Map<String, String> byMid = new ConcurrentHashMap<>();
  // What stops each remote track's audio (WebRTC's threads add, the session's loop releases).
  private final Queue<Runnable> listening = new ConcurrentLinkedQueue<>();

  /** Remembers how to stop listening to a track, for {@link #release}. */
  void listening(Runnable detach) {
    listening.add(detach);
  }

  /** Stops listening to every track: the session ends, and WebRTC must hold nothing of it. */
  void release() {
    for (Runnable detach; (detach = listening.poll()) != null; ) {
      detach.run();
    }
  }

  /** Takes the m-lines of a subscriber offer (returned, to answer). */
  LivekitRtc.SessionDescription offered(LivekitRtc.SessionDescription offer) {
    offered(offer.getSdp());
    return offer;
  }

  /** An m-line with no msid carries nothing now. */
  void offered(String sdp) {
    String mid = null;
    String track = null;
    for (String line : sdp.split("\r?\n")) {
      if (line.startsWith("m=")) {
        put(mid, track);
        mid = null;
        track = null;
      } else if (line.startsWith("a=mid:")) {
        mid = line.substring("a=mid:".length()).trim();
      } else if (line.startsWith("a=msid:")) {
        track = fromMsid(line.substring("a=msid:".length()).trim());
      }
    }
    put(mid, track);
  }

  /** The LiveKit track SID on this mid now, or null. */
  String trackSid(String mid) {
    return mid == null ? null : byMid.get(mid);
  }

  private void put(String mid, String track) {
    if (mid == null) {
      return;
    }
    if (track == null) {
      byMid.remove(mid);
    } else {
      byMid.put(mid, track);
    }
  }

  /** LiveKit's msid is {@code <participant SID>|<track SID> <track SID>}. */
  static String fromMsid(String msid) {
    String[] parts = msid.split(" ");
    String stream = parts[0];
    int bar = stream.indexOf('|');
    if (bar >= 0 && bar < stream.length() - 1) {
      return stream.substring(bar + 1);
    }
    return parts.length > 1 ? parts[1] : null;
  }
}

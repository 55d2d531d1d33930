package dev.warmtransfer.bot.rtc;

import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Reads RTP packets received and lost, concealed samples and the jitter buffer's delay, from WebRTC's statistics of one connection. */
final class StatsReader {
  private StatsReader() {}

  /**
   * Per received track, keyed by its track id (LiveKit's track SID). Asks on the session loop
   * ({@code onLoop}); waits for WebRTC's answer on the caller's thread.
   */
  static Map<String, InboundStats> readByTrack(Consumer<Runnable> onLoop, Supplier<RTCPeerConnection> pc) {
    CompletableFuture<RTCStatsReport> report = new CompletableFuture<>();
    onLoop.accept(() -> pc.get().getStats(report::complete));
    Map<String, InboundStats> out = new HashMap<>();
    try {
      for (RTCStats st : report.get(5, TimeUnit.SECONDS).getStats().values()) {
        if (st.getType() == RTCStatsType.INBOUND_RTP) {
          Map<String, Object> a = st.getAttributes();
          Object track = a.get("trackIdentifier");
          out.merge(track == null ? st.getId() : track.toString(), new InboundStats(
              number(a.get("packetsReceived")), number(a.get("packetsLost")), number(a.get("totalSamplesReceived")),
              number(a.get("concealedSamples")), a.get("jitterBufferDelay") instanceof Number n ? n.doubleValue() : 0,
              number(a.get("jitterBufferEmittedCount")), number(a.get("silentConcealedSamples"))), InboundStats::plus);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RtcException("interrupted while reading statistics", false, e);
    } catch (Exception e) {
      throw new RtcException("statistics unavailable: " + e.getMessage(), true, e);
    }
    return out;
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }
}

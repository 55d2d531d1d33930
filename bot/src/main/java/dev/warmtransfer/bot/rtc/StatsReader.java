package dev.warmtransfer.bot.rtc;

import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Reads RTP packets received and lost, and concealed samples, from WebRTC's statistics of one connection. */
final class StatsReader {
  private StatsReader() {}

  /** Asks on the session loop ({@code onLoop}); waits for WebRTC's answer on the caller's thread. */
  static RtcSession.InboundStats read(java.util.function.Consumer<Runnable> onLoop, java.util.function.Supplier<RTCPeerConnection> pc) {
    CompletableFuture<RTCStatsReport> report = new CompletableFuture<>();
    onLoop.accept(() -> pc.get().getStats(report::complete));
    long received = 0;
    long lost = 0;
    long total = 0;
    long concealed = 0;
    try {
      for (RTCStats st : report.get(5, TimeUnit.SECONDS).getStats().values()) {
        if (st.getType() == RTCStatsType.INBOUND_RTP) {
          received += number(st.getAttributes().get("packetsReceived"));
          lost += number(st.getAttributes().get("packetsLost"));
          total += number(st.getAttributes().get("totalSamplesReceived"));
          concealed += number(st.getAttributes().get("concealedSamples"));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RtcException("interrupted while reading statistics", false, e);
    } catch (Exception e) {
      throw new RtcException("statistics unavailable: " + e.getMessage(), true, e);
    }
    return new RtcSession.InboundStats(received, lost, total, concealed);
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }
}

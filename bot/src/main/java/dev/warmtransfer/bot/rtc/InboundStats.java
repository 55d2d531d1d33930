package dev.warmtransfer.bot.rtc;

/**
 * One received track, from WebRTC's statistics: RTP packets received and lost, samples played and
 * concealed (silent ones: the sender paused), the jitter buffer's delay (s, summed per emitted sample).
 */
public record InboundStats(long packetsReceived, long packetsLost, long totalSamples, long concealedSamples,
    double jitterBufferDelay, long jitterBufferEmitted, long silentConcealedSamples) {
  public InboundStats(long packetsReceived, long packetsLost, long totalSamples, long concealedSamples) {
    this(packetsReceived, packetsLost, totalSamples, concealedSamples, 0, 0, 0);
  }

  public InboundStats plus(InboundStats o) {
    return new InboundStats(packetsReceived + o.packetsReceived, packetsLost + o.packetsLost, totalSamples + o.totalSamples,
        concealedSamples + o.concealedSamples, jitterBufferDelay + o.jitterBufferDelay, jitterBufferEmitted + o.jitterBufferEmitted,
        silentConcealedSamples + o.silentConcealedSamples);
  }
}

package dev.warmtransfer.bot.rtc;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCPeerConnection;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import livekit.LivekitModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LiveKit's data channels: we send on our reliable channel (on the publisher connection), and
 * receive on the channels LiveKit opens on the subscriber connection. Called on the session loop;
 * WebRTC's message callback decodes and hands the packet on, which only enqueues.
 */
final class DataChannels {
  static final String RELIABLE = "_reliable";
  private static final Logger LOG = LoggerFactory.getLogger(DataChannels.class);
  private final RTCDataChannel reliable;
  private final List<RTCDataChannel> incoming = new ArrayList<>();
  private final List<Receiver> receivers = new ArrayList<>();
  private final Consumer<LivekitModels.DataPacket> received;

  /** Creates our reliable channel: before the publisher's first offer, so one negotiation covers it. */
  DataChannels(RTCPeerConnection publisher, Consumer<LivekitModels.DataPacket> received) {
    RTCDataChannelInit ordered = new RTCDataChannelInit();
    ordered.ordered = true;
    this.reliable = publisher.createDataChannel(RELIABLE, ordered);
    this.received = received;
  }

  /** A topic and bytes for everyone, or for the given identities only. */
  static LivekitModels.DataPacket userPacket(String topic, byte[] payload, List<String> to) {
    return LivekitModels.DataPacket.newBuilder()
        .setKind(LivekitModels.DataPacket.Kind.RELIABLE)
        .addAllDestinationIdentities(to)
        .setUser(LivekitModels.UserPacket.newBuilder()
            .setTopic(topic)
            .setPayload(com.google.protobuf.ByteString.copyFrom(payload))
            .addAllDestinationIdentities(to))
        .build();
  }

  /** False when the channel is not open (not yet connected, or being replaced). */
  boolean send(LivekitModels.DataPacket packet) {
    if (reliable.getState() != RTCDataChannelState.OPEN) {
      return false;
    }
    try {
      reliable.send(new RTCDataChannelBuffer(ByteBuffer.wrap(packet.toByteArray()), true));
      return true;
    } catch (Exception e) {
      LOG.warn("event=data_send_failed error=\"{}\"", e.getMessage());
      return false;
    }
  }

  void receiveOn(RTCDataChannel channel) {
    Receiver receiver = new Receiver(received);
    incoming.add(channel);
    receivers.add(receiver);
    channel.registerObserver(receiver);
  }

  void close() {
    // webrtc-java never frees a registered observer (unregistering only stops the calls), so what
    // it holds must reach nothing of this session once it ends.
    receivers.forEach(Receiver::release);
    receivers.clear();
    for (RTCDataChannel dc : incoming) {
      try {
        dc.unregisterObserver();
      } catch (Throwable ignored) {
        // channel already gone with its connection
      }
    }
    incoming.clear();
  }

  /** What WebRTC holds for one channel: the way to our consumer, cut on release. */
  private static final class Receiver implements RTCDataChannelObserver {
    private volatile Consumer<LivekitModels.DataPacket> received;

    Receiver(Consumer<LivekitModels.DataPacket> received) {
      this.received = received;
    }

    void release() {
      received = null;
    }

    @Override
    public void onBufferedAmountChange(long previousAmount) {}

    @Override
    public void onStateChange() {}

    @Override
    public void onMessage(RTCDataChannelBuffer buffer) {
      Consumer<LivekitModels.DataPacket> to = received;
      if (to == null) {
        return;
      }
      byte[] bytes = new byte[buffer.data.remaining()];
      buffer.data.get(bytes);
      try {
        to.accept(LivekitModels.DataPacket.parseFrom(bytes));
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        LOG.warn("event=data_undecodable bytes={}", bytes.length);
      }
    }
  }
}

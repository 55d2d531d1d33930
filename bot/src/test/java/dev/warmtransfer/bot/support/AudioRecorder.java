package dev.warmtransfer.bot.support;

import dev.warmtransfer.bot.room.RoomListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/** Records what a room delivers, per speaker, and the room's events, for tests to assert on. */
public class AudioRecorder implements RoomListener {
  public final Map<String, List<short[]>> frames = new ConcurrentHashMap<>();
  public final BlockingQueue<String> events = new LinkedBlockingQueue<>();

  @Override
  public void onAudio(String identity, String trackSid, short[] samples) {
    List<short[]> list = frames.computeIfAbsent(identity, k -> new ArrayList<>());
    synchronized (list) {
      list.add(samples);
    }
  }

  @Override
  public void onParticipantJoined(String identity) {
    events.add("joined:" + identity);
  }

  @Override
  public void onParticipantLeft(String identity) {
    events.add("left:" + identity);
  }

  @Override
  public void onTrackSubscribed(String identity, String trackSid) {
    events.add("subscribed:" + trackSid);
  }

  @Override
  public void onTrackUnsubscribed(String identity, String trackSid) {
    events.add("unsubscribed:" + identity);
  }

  @Override
  public void onSpeaking(String identity, boolean speaking, float level) {
    events.add("speaking:" + identity + ":" + speaking);
  }

  public final BlockingQueue<String> data = new LinkedBlockingQueue<>();

  @Override
  public void onData(String fromIdentity, String topic, byte[] payload) {
    data.add(fromIdentity + "|" + topic + "|" + new String(payload, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Waits for an event, skipping others; null after the timeout. */
  public String awaitEvent(String event, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    long left;
    while ((left = deadline - System.currentTimeMillis()) > 0) {
      String e = events.poll(left, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (event.equals(e)) {
        return e;
      }
    }
    return null;
  }

  @Override
  public void onMediaConnected() {
    events.add("media-connected");
  }

  @Override
  public void onReconnecting(Exception cause) {
    events.add("reconnecting");
  }

  @Override
  public void onReconnected() {
    events.add("reconnected");
  }

  @Override
  public void onDisconnected(Exception cause) {
    events.add("disconnected");
  }

  public List<short[]> framesFrom(String identity) {
    List<short[]> list = frames.getOrDefault(identity, List.of());
    synchronized (list) {
      return new ArrayList<>(list);
    }
  }
}

package dev.warmtransfer.bot.captions;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import livekit.LivekitModels.DataPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes live captions of the room's speakers as {@code lk.transcription} text streams. Each
 * utterance is one segment: interim streams while it is being recognized, then the final one.
 */
public final class Captions {
  private static final Logger LOG = LoggerFactory.getLogger(Captions.class);
  private final Predicate<DataPacket> sender;

  /** @param sender sends one reliable data packet into the room; false when it could not */
  public Captions(Predicate<DataPacket> sender) {
    this.sender = Objects.requireNonNull(sender, "sender");
  }

  /** Sends one caption stream; false when any packet of it could not be sent (the stream is then incomplete). */
  public boolean publish(String speaker, String trackSid, String segmentId, String text, boolean isFinal) {
    List<DataPacket> packets =
        TranscriptionStream.packets(speaker, trackSid, segmentId, text, isFinal, System.currentTimeMillis());
    for (DataPacket p : packets) {
      if (!sender.test(p)) {
        LOG.info("event=caption_not_sent speaker={} segment_id={} final={}", speaker, segmentId, isFinal);
        return false;
      }
    }
    return true;
  }
}

package dev.warmtransfer.bot.captions;

import com.google.protobuf.ByteString;
import dev.warmtransfer.proto.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import livekit.LivekitModels.DataPacket;
import livekit.LivekitModels.DataStream;

/**
 * One caption as LiveKit's agents send a user's speech: a whole text stream on
 * {@code lk.transcription} (header, chunks, trailer) holding the full text so far, sent on behalf
 * of the speaker. An interim and the final of one utterance share {@code lk.segment_id}, so
 * livekit-client's text-stream readers replace the interim with the final.
 */
public final class TranscriptionStream {
  public static final String SEGMENT_ID = "lk.segment_id";
  public static final String TRACK_ID = "lk.transcribed_track_id";
  public static final String FINAL = "lk.transcription_final";
  /** Below the browser's 15 000-byte chunk limit. */
  static final int MAX_CHUNK_BYTES = 15_000;

  private TranscriptionStream() {}

  /**
   * The packets of one stream, in sending order.
   *
   * @param speaker the transcribed participant (the stream's sender as browsers see it)
   * @param trackSid the speaker's audio track, or empty when unknown (the attribute is then left out)
   */
  public static List<DataPacket> packets(String speaker, String trackSid, String segmentId, String text,
      boolean isFinal, long nowMs) {
    Objects.requireNonNull(speaker, "speaker");
    Objects.requireNonNull(trackSid, "trackSid");
    Objects.requireNonNull(segmentId, "segmentId");
    Objects.requireNonNull(text, "text");
    if (speaker.isEmpty()) {
      throw new IllegalArgumentException("speaker is empty");
    }
    if (segmentId.isEmpty()) {
      throw new IllegalArgumentException("segmentId is empty");
    }
    String streamId = UUID.randomUUID().toString();
    String finalFlag = Boolean.toString(isFinal);
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    DataStream.Header.Builder header = DataStream.Header.newBuilder()
        .setStreamId(streamId)
        .setTimestamp(nowMs)
        .setTopic(Topics.TRANSCRIPTION)
        .setMimeType("text/plain")
        .setTotalLength(utf8.length)
        .putAttributes(SEGMENT_ID, segmentId)
        .putAttributes(FINAL, finalFlag)
        .setTextHeader(DataStream.TextHeader.newBuilder()
            .setOperationType(DataStream.OperationType.CREATE));
    if (!trackSid.isEmpty()) {
      header.putAttributes(TRACK_ID, trackSid);
    }
    List<DataPacket> out = new ArrayList<>();
    out.add(onBehalf(speaker).setStreamHeader(header).build());
    int index = 0;
    for (byte[] chunk : chunks(text)) {
      out.add(onBehalf(speaker).setStreamChunk(DataStream.Chunk.newBuilder()
          .setStreamId(streamId)
          .setChunkIndex(index++)
          .setContent(ByteString.copyFrom(chunk))).build());
    }
    DataStream.Trailer.Builder trailer = DataStream.Trailer.newBuilder().setStreamId(streamId).putAttributes(FINAL, finalFlag);
    out.add(onBehalf(speaker).setStreamTrailer(trailer).build());
    return out;
  }

  /** A fresh segment id in the form LiveKit's agents use. */
  public static String newSegmentId() {
    return "SG_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private static DataPacket.Builder onBehalf(String speaker) {
    // Only an agent participant may name another sender; the server marks the header generated.
    return DataPacket.newBuilder().setKind(DataPacket.Kind.RELIABLE).setParticipantIdentity(speaker);
  }

  /** UTF-8 chunks of at most {@link #MAX_CHUNK_BYTES}, never splitting a code point. */
  static List<byte[]> chunks(String text) {
    List<byte[]> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > MAX_CHUNK_BYTES) {
        out.add(current.toString().getBytes(StandardCharsets.UTF_8));
        current.setLength(0);
        bytes = 0;
      }
      current.appendCodePoint(cp);
      bytes += len;
      i += Character.charCount(cp);
    }
    if (bytes > 0) {
      out.add(current.toString().getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }
}

package dev.warmtransfer.bot.captions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import livekit.LivekitModels.DataPacket;
import livekit.LivekitModels.DataStream;
import org.junit.jupiter.api.Test;

class TranscriptionStreamTest {
  @Test
  void oneStreamIsHeaderChunksAndTrailerOnBehalfOfTheSpeaker() {
    List<DataPacket> packets = TranscriptionStream.packets("caller-1", "TR_abc", "SG_1", "My card ending in 0093.", true, 1234);

    assertThat(packets).hasSize(3);
    assertThat(packets).allSatisfy(p -> assertThat(p.getParticipantIdentity()).isEqualTo("caller-1"));
    assertThat(packets).allSatisfy(p -> assertThat(p.getSequence()).isZero());
    DataStream.Header h = packets.get(0).getStreamHeader();
    assertThat(h.getTopic()).isEqualTo("lk.transcription");
    assertThat(h.getMimeType()).isEqualTo("text/plain");
    assertThat(h.getTimestamp()).isEqualTo(1234);
    assertThat(h.getTotalLength()).isEqualTo("My card ending in 0093.".getBytes(StandardCharsets.UTF_8).length);
    assertThat(h.getAttributesMap()).containsEntry("lk.segment_id", "SG_1")
        .containsEntry("lk.transcribed_track_id", "TR_abc").containsEntry("lk.transcription_final", "true");
    assertThat(h.getTextHeader().getOperationType()).isEqualTo(DataStream.OperationType.CREATE);
    DataStream.Chunk c = packets.get(1).getStreamChunk();
    assertThat(c.getStreamId()).isEqualTo(h.getStreamId());
    assertThat(c.getChunkIndex()).isZero();
    assertThat(c.getContent().toStringUtf8()).isEqualTo("My card ending in 0093.");
    DataStream.Trailer t = packets.get(2).getStreamTrailer();
    assertThat(t.getStreamId()).isEqualTo(h.getStreamId());
    assertThat(t.getReason()).isEmpty();
    assertThat(t.getAttributesMap()).containsEntry("lk.transcription_final", "true");
  }

  @Test
  void anInterimSaysNotFinalAndEachStreamHasItsOwnId() {
    List<DataPacket> interim = TranscriptionStream.packets("a", "TR_1", "SG_2", "hello", false, 1);
    List<DataPacket> fin = TranscriptionStream.packets("a", "TR_1", "SG_2", "hello there", true, 2);

    assertThat(interim.get(0).getStreamHeader().getAttributesMap()).containsEntry("lk.transcription_final", "false");
    assertThat(interim.get(2).getStreamTrailer().getAttributesMap()).containsEntry("lk.transcription_final", "false");
    assertThat(fin.get(0).getStreamHeader().getStreamId()).isNotEqualTo(interim.get(0).getStreamHeader().getStreamId());
    assertThat(fin.get(0).getStreamHeader().getAttributesMap().get("lk.segment_id")).isEqualTo("SG_2");
  }

  @Test
  void withoutATrackTheTrackAttributeIsLeftOut() {
    DataStream.Header h = TranscriptionStream.packets("a", "", "SG_3", "x", true, 1).get(0).getStreamHeader();
    assertThat(h.getAttributesMap()).doesNotContainKey("lk.transcribed_track_id");
  }

  @Test
  void longTextIsChunkedBelowTheLimitWithoutSplittingACodePoint() throws Exception {
    String text = "é€😀".repeat(3_000); // 2 + 3 + 4 bytes: 27 000 bytes, boundaries fall mid-character
    List<DataPacket> packets = TranscriptionStream.packets("a", "TR", "SG", text, true, 1);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    int index = 0;
    for (DataPacket p : packets.subList(1, packets.size() - 1)) {
      byte[] content = p.getStreamChunk().getContent().toByteArray();
      assertThat(content.length).isLessThanOrEqualTo(15_000);
      assertThat(p.getStreamChunk().getChunkIndex()).isEqualTo(index++);
      // Each chunk decodes on its own: no code point cut in two.
      assertThat(new String(content, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)).isEqualTo(content);
      all.write(content);
    }
    assertThat(index).isEqualTo(2);
    assertThat(all.toString(StandardCharsets.UTF_8)).isEqualTo(text);
    assertThat(packets.get(0).getStreamHeader().getTotalLength()).isEqualTo(all.size());
  }

  @Test
  void refusesAnEmptySpeakerOrSegment() {
    assertThatThrownBy(() -> TranscriptionStream.packets("", "TR", "SG", "x", true, 1)).hasMessageContaining("speaker");
    assertThatThrownBy(() -> TranscriptionStream.packets("a", "TR", "", "x", true, 1)).hasMessageContaining("segmentId");
  }
}

package dev.warmtransfer.bot.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Opus encoder settings go onto Opus's own fmtp line of the answer, and nowhere else. */
class OpusSdpTest {
  private static final String ANSWER = String.join("\r\n",
      "v=0",
      "m=audio 9 UDP/TLS/RTP/SAVPF 111 63",
      "a=rtpmap:111 opus/48000/2",
      "a=rtcp-fb:111 transport-cc",
      "a=fmtp:111 minptime=10;useinbandfec=1",
      "a=rtpmap:63 red/48000/2",
      "a=fmtp:63 111/111",
      "");

  @Test
  void parametersAreAddedOrReplacedOnOpusLineOnly() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("ptime", "60");
    p.put("useinbandfec", "0");
    String out = OpusSdp.withParams(ANSWER, p);
    assertThat(out).contains("a=fmtp:111 minptime=10;useinbandfec=0;ptime=60\r\n");
    assertThat(out).contains("a=fmtp:63 111/111\r\n");
    assertThat(out.replace("a=fmtp:111 minptime=10;useinbandfec=0;ptime=60", "a=fmtp:111 minptime=10;useinbandfec=1"))
        .isEqualTo(ANSWER);
  }

  @Test
  void anOpusWithoutFmtpGetsOneAndNoParametersChangeNothing() {
    String bare = "m=audio 9 UDP/TLS/RTP/SAVPF 109\na=rtpmap:109 opus/48000/2\na=sendonly\n";
    assertThat(OpusSdp.withParams(bare, Map.of("usedtx", "1")))
        .isEqualTo("m=audio 9 UDP/TLS/RTP/SAVPF 109\na=rtpmap:109 opus/48000/2\na=fmtp:109 usedtx=1\na=sendonly\n");
    assertThat(OpusSdp.withParams(ANSWER, Map.of())).isSameAs(ANSWER);
    assertThat(OpusSdp.withParams("m=audio 9 RTP/AVP 0\na=rtpmap:0 PCMU/8000\n", Map.of("ptime", "40")))
        .isEqualTo("m=audio 9 RTP/AVP 0\na=rtpmap:0 PCMU/8000\n");
  }
}

package dev.warmtransfer.bot.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubscribedTracksTest {
  private static String offer(String mid0Msid, String mid1Msid) {
    return String.join("\r\n",
        "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
        "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "a=mid:0",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:1", mid0Msid == null ? "a=inactive" : "a=msid:" + mid0Msid,
        "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:2", mid1Msid == null ? "a=inactive" : "a=msid:" + mid1Msid, "");
  }

  @Test
  void eachMidCarriesTheTrackOfTheLatestOffer() {
    SubscribedTracks tracks = new SubscribedTracks();
    tracks.offered(offer("PA_a|TR_a TR_a", "PA_b|TR_b TR_b"));
    assertThat(tracks.trackSid("1")).isEqualTo("TR_a");
    assertThat(tracks.trackSid("2")).isEqualTo("TR_b");
    assertThat(tracks.trackSid("0")).isNull();

    // TR_a unsubscribed: its m-line goes inactive; then LiveKit reuses it for TR_c.
    tracks.offered(offer(null, "PA_b|TR_b TR_b"));
    assertThat(tracks.trackSid("1")).isNull();
    tracks.offered(offer("PA_c|TR_c TR_c", "PA_b|TR_b TR_b"));
    assertThat(tracks.trackSid("1")).isEqualTo("TR_c");
    assertThat(tracks.trackSid(null)).isNull();
  }

  @Test
  void anMsidWithoutLiveKitsStreamFormIsReadByItsTrackId() {
    assertThat(SubscribedTracks.fromMsid("stream-1 TR_x")).isEqualTo("TR_x");
    assertThat(SubscribedTracks.fromMsid("PA_1|TR_y TR_y")).isEqualTo("TR_y");
    assertThat(SubscribedTracks.fromMsid("only")).isNull();
  }
}

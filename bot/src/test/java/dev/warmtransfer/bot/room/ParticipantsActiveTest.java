package dev.warmtransfer.bot.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.ParticipantInfo.State;
import org.junit.jupiter.api.Test;

/** LiveKit's participant states as a listener sees them: joined once, active once per session. */
class ParticipantsActiveTest {
  static ParticipantInfo info(String identity, String sid, State state) {
    return ParticipantInfo.newBuilder().setIdentity(identity).setSid(sid).setState(state).build();
  }

  @Test
  void activeIsToldOncePerSessionAfterJoinedAndAgainAfterARejoin() {
    List<String> events = new ArrayList<>();
    RoomListener listener = new RoomListener() {
      @Override
      public void onParticipantJoined(String identity) {
        events.add("joined " + identity);
      }

      @Override
      public void onParticipantActive(String identity) {
        events.add("active " + identity);
      }

      @Override
      public void onParticipantLeft(String identity) {
        events.add("left " + identity);
      }
    };
    Participants p = new Participants();
    p.update(List.of(info("me", "PA_me", State.ACTIVE), info("b", "PA_1", State.JOINING)), "me", listener);
    p.update(List.of(info("b", "PA_1", State.JOINED)), "me", listener);
    p.update(List.of(info("b", "PA_1", State.ACTIVE)), "me", listener);
    p.update(List.of(info("b", "PA_1", State.ACTIVE)), "me", listener); // a later update (a track, attributes)
    p.update(List.of(info("b", "PA_1", State.DISCONNECTED)), "me", listener);
    p.update(List.of(info("b", "PA_2", State.ACTIVE)), "me", listener); // B back, already active
    assertThat(events).containsExactly("joined b", "active b", "left b", "joined b", "active b");
  }
}

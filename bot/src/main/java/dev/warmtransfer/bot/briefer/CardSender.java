package dev.warmtransfer.bot.briefer;

import dev.warmtransfer.bot.jobs.Cards;
import dev.warmtransfer.bot.room.RemoteParticipant;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.proto.Topics;

/**
 * Sends the structured briefing on {@link Topics#BRIEFING} to people (never to other agents).
 * Duplicates are harmless, a lost first send is not, so it is sent whenever someone's connection
 * is known to carry data. Used on the briefer's loop only.
 */
final class CardSender {
  private final String transferId;
  private BriefingCard card;

  CardSender(String transferId, BriefingCard card) {
    this.transferId = transferId;
    this.card = card;
  }

  BriefingCard card() {
    return card;
  }

  void card(BriefingCard fresh) {
    card = fresh;
  }

  void sendTo(Room room, String... to) {
    if (room != null && card.isInitialized()) {
      room.sendData(Topics.BRIEFING, Cards.json(transferId, card), to);
    }
  }

  /** To {@code identity} if it is a person here. */
  void sendToPerson(Room room, String identity) {
    if (isPerson(room, identity)) {
      sendTo(room, identity);
    }
  }

  /** To every person here. */
  void sendToPeople(Room room) {
    if (room == null) {
      return;
    }
    String[] people = room.remoteParticipants().stream().filter(p -> !p.isAgent()).map(RemoteParticipant::identity)
        .toArray(String[]::new);
    if (people.length > 0) {
      sendTo(room, people);
    }
  }

  static boolean isPerson(Room room, String identity) {
    return room != null && room.participant(identity).map(p -> !p.isAgent()).orElse(false);
  }
}

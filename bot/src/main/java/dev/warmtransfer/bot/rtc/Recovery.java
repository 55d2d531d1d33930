package dev.warmtransfer.bot.rtc;

/** What a lost session allows: LiveKit's leave says which, a dropped socket allows a resume. */
public enum Recovery {
  /** Only the signalling dropped: reconnect to the same participant, the media never stopped. */
  RESUME,
  /** The session is gone (LiveKit restarted, ICE failed): join again as a new participant. */
  REJOIN,
  /** LiveKit ended our part (removed from the room, room closed, duplicate identity): stay out. */
  NONE
}

package dev.warmtransfer.bot.room;

import dev.warmtransfer.bot.audio.AudioPacer;
import dev.warmtransfer.bot.rtc.RtcSession;
import dev.warmtransfer.bot.rtc.SessionOptions;
import java.time.Duration;

/**
 * How a room makes, resumes and closes its sessions. Production uses {@link #REAL}; tests wrap it
 * to make the network fail at the worst moment (a loss during a resume, a close that throws).
 */
interface Sessions {
  Sessions REAL = RtcSession::connect;

  RtcSession connect(String url, String token, SessionOptions options, AudioPacer voice, RtcSession.Listener listener);

  default void resume(RtcSession session, String url, String token, Duration timeout) {
    session.resume(url, token, timeout);
  }

  default void close(RtcSession session, boolean leave) {
    session.close(leave);
  }
}

package dev.warmtransfer.service.transfer;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.proto.Role;
import dev.warmtransfer.proto.TranscriptSegment;
import dev.warmtransfer.service.db.SqlErrors;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** What the bots told us about calls: transcript segments, the running briefing, the briefing B got. */
public final class CallRecords {
  private final Jdbi jdbi;

  public CallRecords(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** One line of a call's transcript, as the API shows it. */
  public record Line(String speaker, String role, long start, long end, String text, String engine) {}

  /** The briefing a transfer's Agent B got, as the API shows it. */
  public record TransferBriefing(BriefingCard card, boolean spoken, Instant spokenAt, Long firstAudioMs, boolean interrupted) {}

  /** Stores a segment once: a report sent again (same id) changes nothing. */
  public void addSegment(String room, TranscriptSegment s, Instant now) {
    String role = s.getRole() == Role.ROLE_UNSPECIFIED ? "unknown" : s.getRole().name().substring(5).toLowerCase(Locale.ROOT);
    jdbi.useHandle(h -> {
      boolean known = h.createQuery("select count(*) from transcript_segments where room = :r and segment_id = :id")
          .bind("r", room).bind("id", s.getSegmentId()).mapTo(Integer.class).one() > 0;
      if (!known) {
        h.createUpdate("insert into transcript_segments (room, segment_id, speaker, role, start_ms, end_ms, text, engine,"
                + " created_at) values (:r, :id, :speaker, :role, :start, :end, :text, :engine, :now)")
            .bind("r", room).bind("id", s.getSegmentId()).bind("speaker", clip(s.getSpeaker(), 128)).bind("role", role)
            .bind("start", s.getStartMs()).bind("end", s.getEndMs()).bind("text", clip(s.getText(), 8000))
            .bind("engine", clip(s.getEngine().isEmpty() ? "unknown" : s.getEngine(), 20)).bind("now", now.toEpochMilli())
            .execute();
      }
    });
  }

  public List<Line> transcript(String room) {
    return jdbi.withHandle(h -> h.createQuery("select speaker, role, start_ms, end_ms, text, engine from transcript_segments"
                + " where room = :r order by start_ms, segment_id")
        .bind("r", room)
        .map((rs, ctx) -> new Line(rs.getString("speaker"), rs.getString("role"), rs.getLong("start_ms"),
            rs.getLong("end_ms"), rs.getString("text"), rs.getString("engine")))
        .list());
  }

  /** The call as one text, speaker by speaker, for a summarizer. */
  public String transcriptText(String room) {
    StringBuilder b = new StringBuilder();
    for (Line l : transcript(room)) {
      b.append(l.role().equals("caller") ? "Customer" : "Agent").append(": ").append(l.text()).append('\n');
    }
    return b.toString();
  }

  public void saveRunningBriefing(String room, BriefingCard card, int segments, Instant now) {
    String json = json(card);
    jdbi.useTransaction(h -> {
      int n = h.createUpdate("update call_briefings set card = :c, provider = :p, segments = :s, updated_at = :now where room = :r")
          .bind("c", json).bind("p", provider(card)).bind("s", segments).bind("now", now.toEpochMilli()).bind("r", room).execute();
      if (n == 0) {
        h.createUpdate("insert into call_briefings (room, card, provider, segments, updated_at) values (:r, :c, :p, :s, :now)")
            .bind("c", json).bind("p", provider(card)).bind("s", segments).bind("now", now.toEpochMilli()).bind("r", room).execute();
      }
    });
  }

  public Optional<BriefingCard> runningBriefing(String room) {
    return jdbi.withHandle(h -> h.createQuery("select card from call_briefings where room = :r").bind("r", room)
        .mapTo(String.class).findOne().map(CallRecords::card));
  }

  public void saveTransferBriefing(String transferId, BriefingCard card, Instant now) {
    jdbi.useTransaction(h -> saveTransferBriefing(h, transferId, card, now));
  }

  public void saveTransferBriefing(org.jdbi.v3.core.Handle h, String transferId, BriefingCard card, Instant now) {
    String json = json(card);
    int n = h.createUpdate("update transfer_briefings set card = :c, summary = :s, spoken_text = :t, provider = :p,"
                + " updated_at = :now where transfer_id = :id")
        .bind("c", json).bind("s", clip(card.getSummary(), 8000)).bind("t", clip(card.getSpoken(), 4000))
        .bind("p", provider(card)).bind("now", now.toEpochMilli()).bind("id", transferId).execute();
    if (n == 0) {
      insertTransferBriefing(h, transferId, card, now);
    }
  }

  /** The first briefing of a new transfer (stored with it, in POST /transfer's transaction). */
  public void insertTransferBriefing(org.jdbi.v3.core.Handle h, String transferId, BriefingCard card, Instant now) {
    h.createUpdate("insert into transfer_briefings (transfer_id, card, summary, spoken_text, provider, spoken,"
            + " interrupted, updated_at) values (:id, :c, :s, :t, :p, false, false, :now)")
        .bind("c", json(card)).bind("s", clip(card.getSummary(), 8000)).bind("t", clip(card.getSpoken(), 4000))
        .bind("p", provider(card)).bind("now", now.toEpochMilli()).bind("id", transferId).execute();
  }

  public void briefingSpoken(String transferId, Instant at, long firstAudioMs, boolean interrupted, String provider) {
    jdbi.useHandle(h -> h.createUpdate("update transfer_briefings set spoken = true, spoken_at = coalesce(spoken_at, :at),"
                + " first_audio_ms = coalesce(first_audio_ms, :ms), interrupted = :i,"
                + " provider = case when :p = '' then provider else :p end, updated_at = :at where transfer_id = :id")
        .bind("at", at.toEpochMilli()).bind("ms", firstAudioMs).bind("i", interrupted).bind("p", provider == null ? "" : provider)
        .bind("id", transferId).execute());
  }

  public Optional<TransferBriefing> transferBriefing(String transferId) {
    return jdbi.withHandle(h -> h.createQuery("select * from transfer_briefings where transfer_id = :id").bind("id", transferId)
        .map((rs, ctx) -> {
          long spokenAt = rs.getLong("spoken_at");
          Instant at = rs.wasNull() ? null : Instant.ofEpochMilli(spokenAt);
          long first = rs.getLong("first_audio_ms");
          Long firstMs = rs.wasNull() ? null : first;
          return new TransferBriefing(card(rs.getString("card")), rs.getBoolean("spoken"), at, firstMs, rs.getBoolean("interrupted"));
        })
        .findOne());
  }

  /**
   * Marks the call assistant dispatched to a room; false when it already was. Each statement
   * decides by itself, so of several instances claiming at once exactly one wins.
   */
  public boolean claimAssistant(String room, String caller, String agent, Instant now) {
    return jdbi.withHandle(h -> {
      int released = h.createUpdate("update calls set caller_identity = :c, agent_identity = :a, assistant_dispatched_at = :now"
              + " where room = :r and assistant_dispatched_at is null")
          .bind("r", room).bind("c", caller).bind("a", agent).bind("now", now.toEpochMilli()).execute();
      if (released == 1) {
        return true;
      }
      try {
        h.createUpdate("insert into calls (room, caller_identity, agent_identity, assistant_dispatched_at, created_at)"
                + " values (:r, :c, :a, :now, :now)")
            .bind("r", room).bind("c", caller).bind("a", agent).bind("now", now.toEpochMilli()).execute();
        return true;
      } catch (UnableToExecuteStatementException e) {
        if (SqlErrors.isDuplicate(e)) {
          return false; // the call is known and its assistant claimed
        }
        throw e;
      }
    });
  }

  /** Forgets a claim whose dispatch failed, so the next join tries again. */
  public void releaseAssistant(String room) {
    jdbi.useHandle(h -> h.createUpdate("update calls set assistant_dispatched_at = null where room = :r and ended_at is null")
        .bind("r", room).execute());
  }

  public void assistantDispatched(String room, String dispatchId) {
    jdbi.useHandle(h -> h.createUpdate("update calls set assistant_dispatch_id = :d where room = :r")
        .bind("d", dispatchId).bind("r", room).execute());
  }

  /** The call is over (its room closed): a new call in a room of the same name starts afresh. */
  public void callEnded(String room, Instant now) {
    jdbi.useHandle(h -> h.createUpdate("delete from calls where room = :r").bind("r", room).execute());
  }

  static String json(BriefingCard card) {
    try {
      return JsonFormat.printer().omittingInsignificantWhitespace().print(card);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot write a briefing", e);
    }
  }

  static BriefingCard card(String json) {
    try {
      BriefingCard.Builder b = BriefingCard.newBuilder();
      JsonFormat.parser().ignoringUnknownFields().merge(json, b);
      return b.build();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot read a stored briefing", e);
    }
  }

  private static String provider(BriefingCard card) {
    return card.getProvider().isEmpty() ? "local" : clip(card.getProvider(), 20);
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}

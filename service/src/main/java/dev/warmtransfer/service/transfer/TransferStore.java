package dev.warmtransfer.service.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Transfers, their timelines and their pending actions in the database. A change is stored with
 * its actions in the caller's transaction, guarded by the transfer's version.
 */
public final class TransferStore {
  private static final ObjectMapper JSON = Jackson.newObjectMapper();
  private static final String FINAL_STATES = "('completed','declined','timed_out','canceled','caller_left','failed')";
  private final Jdbi jdbi;

  public TransferStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Stores a new transfer, its first timeline row and its actions; returns it at version 1. */
  public Transfer insert(Handle h, Transition start, Instant now) {
    Transfer t = start.transfer().withVersion(1);
    h.createUpdate(
            "insert into transfers (id, state, mode, from_room, new_room, agent_a, agent_b, caller_identity, notes,"
                + " briefer_dispatches, deadline_at, caller_away_until, expires_at, created_at, updated_at, version, written_at)"
                + " values (:id, :state, :mode, :fromRoom, :newRoom, :agentA, :agentB, :caller, :notes, :dispatches,"
                + " :deadline, :away, :expires, :created, :updated, 1, :written)")
        .bind("id", t.id())
        .bind("state", t.phase().wireName())
        .bind("mode", t.mode().wireName())
        .bind("fromRoom", t.fromRoom())
        .bind("newRoom", t.newRoom())
        .bind("agentA", t.agentA())
        .bind("agentB", t.agentB())
        .bind("caller", t.callerIdentity())
        .bind("notes", t.notes())
        .bind("dispatches", t.brieferDispatches())
        .bind("deadline", millis(t.deadlineAt()))
        .bind("away", millis(t.callerAwayUntil()))
        .bind("expires", millis(t.expiresAt()))
        .bind("created", millis(t.createdAt()))
        .bind("updated", millis(t.updatedAt()))
        .bind("written", now.toEpochMilli())
        .execute();
    insertTimeline(h, t, 0);
    insertActions(h, t.id(), start.actions(), now, 0);
    return t;
  }

  /**
   * Stores the change from {@code before} to the transition's transfer, and its actions.
   *
   * @throws ConcurrentChangeException when another change was stored since {@code before} was read
   */
  public Transfer update(Handle h, Transfer before, Transition change, Instant now) {
    Transfer t = change.transfer().withVersion(before.version() + 1);
    int rows =
        h.createUpdate(
                "update transfers set state = :state, mode = :mode, caller_identity = :caller, briefer_dispatches ="
                    + " :dispatches, deadline_at = :deadline, caller_away_until = :away, updated_at = :updated,"
                    + " version = :version, written_at = :written"
                    + " where id = :id and version = :expected")
            .bind("state", t.phase().wireName())
            .bind("mode", t.mode().wireName())
            .bind("caller", t.callerIdentity())
            .bind("dispatches", t.brieferDispatches())
            .bind("deadline", millis(t.deadlineAt()))
            .bind("away", millis(t.callerAwayUntil()))
            .bind("updated", millis(t.updatedAt()))
            .bind("version", t.version())
            .bind("written", now.toEpochMilli())
            .bind("id", t.id())
            .bind("expected", before.version())
            .execute();
    if (rows != 1) {
      throw new ConcurrentChangeException(t.id());
    }
    insertTimeline(h, t, before.timeline().size());
    if (!change.actions().isEmpty()) {
      int last = h.createQuery("select coalesce(max(seq), 0) from transfer_actions where transfer_id = :id")
          .bind("id", t.id()).mapTo(Integer.class).one();
      insertActions(h, t.id(), change.actions(), now, last);
    }
    return t;
  }

  public Optional<Transfer> find(String id) {
    return jdbi.withHandle(h -> find(h, id));
  }

  public Optional<Transfer> find(Handle h, String id) {
    List<Transfer> found = load(h, "select * from transfers where id = :id", Map.of("id", id));
    return found.stream().findFirst();
  }

  public Optional<Transfer> findByNewRoom(String newRoom) {
    return jdbi.withHandle(h -> load(h, "select * from transfers where new_room = :r", Map.of("r", newRoom)).stream().findFirst());
  }

  /** Open transfers that involve a room, as its call room or its handoff room. */
  public List<Transfer> openInRoom(Handle h, String room) {
    return load(h, "select * from transfers where (from_room = :r or new_room = :r) and state not in " + FINAL_STATES
        + " order by created_at", Map.of("r", room));
  }

  /**
   * Whether {@code agent} belongs in {@code room} through an open transfer: as Agent A or B in its
   * handoff room, or as Agent A in the caller's room (B gets that room's token by accepting).
   */
  public boolean isMemberOfOpen(String room, String agent) {
    return jdbi.withHandle(h -> h.createQuery("select count(*) from transfers where state not in " + FINAL_STATES
            + " and ((new_room = :r and (agent_a = :a or agent_b = :a)) or (from_room = :r and agent_a = :a))")
        .bind("r", room).bind("a", agent).mapTo(Integer.class).one()) > 0;
  }

  public List<Transfer> open() {
    return jdbi.withHandle(h -> load(h, "select * from transfers where state not in " + FINAL_STATES + " order by created_at", Map.of()));
  }

  /** Ids of open transfers whose timer or expiry has run out by {@code now}. */
  public List<String> due(Instant now) {
    return jdbi.withHandle(h -> h.createQuery("select id from transfers where state not in " + FINAL_STATES
                + " and (deadline_at <= :now or caller_away_until <= :now or expires_at <= :now)"
                + " order by created_at")
        .bind("now", now.toEpochMilli())
        .mapTo(String.class)
        .list());
  }

  /** A transfer's id and version as last written. */
  public record Written(String id, long version) {}

  /**
   * Which transfers were written at or after {@code since} (by this instance's clock or another's),
   * oldest first: ids and versions only, so a reader loads only what is news to it.
   */
  public List<Written> writtenSince(Instant since, int limit) {
    return jdbi.withHandle(h -> h.createQuery("select id, version from transfers where written_at >= :since"
                + " order by written_at, id limit " + Math.max(1, Math.min(limit, 500)))
        .bind("since", since.toEpochMilli())
        .map((rs, ctx) -> new Written(rs.getString("id"), rs.getLong("version")))
        .list());
  }

  /** Newest first; {@code room} matches the call room or the handoff room. */
  public List<Transfer> list(String room, Phase state, int limit) {
    StringBuilder sql = new StringBuilder("select * from transfers where 1 = 1");
    Map<String, Object> args = new LinkedHashMap<>();
    if (room != null) {
      sql.append(" and (from_room = :room or new_room = :room)");
      args.put("room", room);
    }
    if (state != null) {
      sql.append(" and state = :state");
      args.put("state", state.wireName());
    }
    sql.append(" order by created_at desc, id limit ").append(Math.max(1, Math.min(limit, 500)));
    return jdbi.withHandle(h -> load(h, sql.toString(), args));
  }

  // Actions.

  /**
   * Pending actions that may run now: per transfer, those in order up to the first that is not
   * due yet (a retried action holds back the ones after it, so their order is kept) or that
   * another runner holds.
   */
  public List<StoredAction> dueActions(Instant now, int limit, String runner) {
    long nowMs = now.toEpochMilli();
    List<StoredAction> due = new ArrayList<>();
    jdbi.useHandle(h -> {
      String blocked = null;
      for (Map<String, Object> row : h.createQuery("select transfer_id, seq, payload, attempts, due_at, claimed_by,"
                  + " claimed_until from transfer_actions where status = 'pending' order by transfer_id, seq limit " + limit)
          .mapToMap().list()) {
        String id = (String) row.get("transfer_id");
        if (id.equals(blocked)) {
          continue;
        }
        Number claimedUntil = (Number) row.get("claimed_until");
        boolean heldElsewhere = claimedUntil != null && claimedUntil.longValue() > nowMs && !runner.equals(row.get("claimed_by"));
        if (((Number) row.get("due_at")).longValue() > nowMs || heldElsewhere) {
          blocked = id;
          continue;
        }
        due.add(new StoredAction(id, ((Number) row.get("seq")).intValue(), action((String) row.get("payload")),
            ((Number) row.get("attempts")).intValue()));
      }
    });
    return due;
  }

  /**
   * Claims a pending action for {@code runner} until {@code until}, so that no other instance
   * runs it meanwhile; false when another holds it or it is no longer pending.
   */
  public boolean claimAction(String transferId, int seq, String runner, Instant now, Instant until) {
    return jdbi.withHandle(h -> h.createUpdate("update transfer_actions set claimed_by = :r, claimed_until = :until"
                + " where transfer_id = :id and seq = :seq and status = 'pending'"
                + " and (claimed_until is null or claimed_until <= :now or claimed_by = :r)")
        .bind("r", runner).bind("until", until.toEpochMilli()).bind("now", now.toEpochMilli())
        .bind("id", transferId).bind("seq", seq).execute()) == 1;
  }

  /** Lets go of what {@code runner} still holds (it stops): another instance, or its successor, goes on at once. */
  public int releaseClaims(String runner) {
    return jdbi.withHandle(h -> h.createUpdate("update transfer_actions set claimed_by = null, claimed_until = null"
                + " where claimed_by = :r and status = 'pending'")
        .bind("r", runner).execute());
  }

  /** The earliest time a pending action is due, if any. */
  public Optional<Instant> nextActionDue() {
    return jdbi.withHandle(h -> h.createQuery("select min(due_at) from transfer_actions where status = 'pending'")
        .mapTo(Long.class).findOne().map(Instant::ofEpochMilli));
  }

  public void finishAction(String transferId, int seq, String status, String error) {
    jdbi.useHandle(h -> h.createUpdate("update transfer_actions set status = :s, last_error = :e, attempts = attempts + 1"
                + " where transfer_id = :id and seq = :seq")
        .bind("s", status).bind("e", clip(error, 500)).bind("id", transferId).bind("seq", seq).execute());
  }

  public void retryAction(String transferId, int seq, Instant dueAt, String error) {
    jdbi.useHandle(h -> h.createUpdate("update transfer_actions set attempts = attempts + 1, due_at = :due,"
                + " last_error = :e, claimed_by = null, claimed_until = null where transfer_id = :id and seq = :seq")
        .bind("due", dueAt.toEpochMilli()).bind("e", clip(error, 500)).bind("id", transferId).bind("seq", seq).execute());
  }

  /** Pending actions of one transfer, in order (tests and diagnostics). */
  public List<StoredAction> pendingActions(String transferId) {
    return jdbi.withHandle(h -> h.createQuery("select transfer_id, seq, payload, attempts from transfer_actions"
                + " where transfer_id = :id and status = 'pending' order by seq")
        .bind("id", transferId)
        .map((rs, ctx) -> new StoredAction(rs.getString("transfer_id"), rs.getInt("seq"), action(rs.getString("payload")),
            rs.getInt("attempts")))
        .list());
  }

  private void insertTimeline(Handle h, Transfer t, int from) {
    for (int i = from; i < t.timeline().size(); i++) {
      TimelineEntry e = t.timeline().get(i);
      h.createUpdate("insert into transfer_timeline (transfer_id, seq, state, at, actor, reason) values (:id, :seq,"
              + " :state, :at, :actor, :reason)")
          .bind("id", t.id())
          .bind("seq", i + 1)
          .bind("state", e.state().wireName())
          .bind("at", e.at().toEpochMilli())
          .bind("actor", clip(e.by(), 128))
          .bind("reason", clip(e.reason(), 500))
          .execute();
    }
  }

  /** One batch: a transfer's start stores four actions, and POST /transfer waits for it. */
  private void insertActions(Handle h, String id, List<TransferAction> actions, Instant now, int lastSeq) {
    if (actions.isEmpty()) {
      return;
    }
    PreparedBatch batch = h.prepareBatch("insert into transfer_actions (transfer_id, seq, kind, payload, status,"
        + " attempts, due_at, created_at) values (:id, :seq, :kind, :payload, 'pending', 0, :due, :now)");
    int seq = lastSeq;
    for (TransferAction a : actions) {
      batch.bind("id", id)
          .bind("seq", ++seq)
          .bind("kind", a.kind())
          .bind("payload", json(a))
          .bind("due", now.toEpochMilli() + a.afterMs())
          .bind("now", now.toEpochMilli())
          .add();
    }
    batch.execute();
  }

  private List<Transfer> load(Handle h, String sql, Map<String, Object> args) {
    Query q = h.createQuery(sql);
    args.forEach(q::bind);
    List<Transfer> bare = q.map((rs, ctx) -> row(rs)).list();
    List<Transfer> full = new ArrayList<>(bare.size());
    for (Transfer t : bare) {
      List<TimelineEntry> timeline =
          h.createQuery("select state, at, actor, reason from transfer_timeline where transfer_id = :id order by seq")
              .bind("id", t.id())
              .map((rs, ctx) -> new TimelineEntry(Phase.fromWire(rs.getString("state")), Instant.ofEpochMilli(rs.getLong("at")),
                  rs.getString("actor"), rs.getString("reason")))
              .list();
      full.add(new Transfer(t.id(), t.phase(), t.mode(), t.fromRoom(), t.newRoom(), t.agentA(), t.agentB(),
          t.callerIdentity(), t.notes(), t.brieferDispatches(), t.deadlineAt(), t.callerAwayUntil(), t.expiresAt(), t.createdAt(),
          t.updatedAt(), t.version(), timeline));
    }
    return full;
  }

  private static Transfer row(ResultSet rs) throws SQLException {
    long deadline = rs.getLong("deadline_at");
    Instant deadlineAt = rs.wasNull() ? null : Instant.ofEpochMilli(deadline);
    long away = rs.getLong("caller_away_until");
    Instant callerAwayUntil = rs.wasNull() ? null : Instant.ofEpochMilli(away);
    return new Transfer(rs.getString("id"), Phase.fromWire(rs.getString("state")), Mode.fromWire(rs.getString("mode")),
        rs.getString("from_room"), rs.getString("new_room"), rs.getString("agent_a"), rs.getString("agent_b"),
        rs.getString("caller_identity"), rs.getString("notes"), rs.getInt("briefer_dispatches"), deadlineAt, callerAwayUntil,
        Instant.ofEpochMilli(rs.getLong("expires_at")), Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getLong("version"), List.of());
  }

  static String json(TransferAction a) {
    try {
      return JSON.writerFor(TransferAction.class).writeValueAsString(a);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write action " + a.kind(), e);
    }
  }

  static TransferAction action(String json) {
    try {
      return JSON.readValue(json, TransferAction.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read a stored action", e);
    }
  }

  private static Long millis(Instant i) {
    return i == null ? null : i.toEpochMilli();
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}

package dev.warmtransfer.service.livekit;

import dev.warmtransfer.proto.Topics;
import io.livekit.server.AgentDispatchServiceClient;
import io.livekit.server.RoomServiceClient;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import livekit.LivekitAgentDispatch;
import livekit.LivekitModels;
import livekit.LivekitModels.ParticipantInfo;
import okhttp3.OkHttpClient;
import retrofit2.Call;
import retrofit2.Response;

/**
 * The LiveKit server API calls a transfer needs, each safe to repeat: a room or participant that
 * is already gone counts as done. Unreachable or refusing LiveKit is a {@link LiveKitUnavailableException}.
 */
public final class LiveKitControl {
  private final RoomServiceClient rooms;
  private final AgentDispatchServiceClient dispatch;
  private final String url;

  public LiveKitControl(LiveKitConfig config) {
    this.url = config.httpUrl();
    long timeoutMs = config.getRequestTimeout().toMilliseconds();
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .callTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false)
            .build();
    this.rooms = RoomServiceClient.createClient(url, config.getApiKey(), config.getApiSecret(), () -> http);
    this.dispatch = AgentDispatchServiceClient.createClient(url, config.getApiKey(), config.getApiSecret(), () -> http);
  }

  /** Creates the room, or finds it; it stays open {@code emptyTimeoutSeconds} while nobody is in it. */
  public void createRoom(String room, int emptyTimeoutSeconds) {
    execute(rooms.createRoom(room, emptyTimeoutSeconds), "CreateRoom", false);
  }

  public List<LivekitModels.Room> listRooms() {
    return execute(rooms.listRooms(), "ListRooms", false).orElse(List.of());
  }

  /** Who is in the room; empty when the room does not exist. */
  public List<ParticipantInfo> participants(String room) {
    return execute(rooms.listParticipants(room), "ListParticipants", true).orElse(List.of());
  }

  /** (Un)subscribes {@code identity} to tracks; false when the participant or the room is not there. */
  public boolean updateSubscriptions(String room, String identity, List<String> trackSids, boolean subscribe) {
    if (trackSids.isEmpty()) {
      return true;
    }
    return inRoom(room, () -> execute(rooms.updateSubscriptions(room, identity, trackSids, subscribe), "UpdateSubscriptions", true))
        .isPresent();
  }

  /** A reliable data packet to some identities (all when empty); false when the room does not exist. */
  public boolean sendData(String room, byte[] payload, List<String> identities, String topic) {
    return inRoom(room, () -> execute(
            rooms.sendData(room, payload, LivekitModels.DataPacket.Kind.RELIABLE, List.of(), identities, topic),
            "SendData",
            true))
        .isPresent();
  }

  public void removeParticipant(String room, String identity) {
    inRoom(room, () -> execute(rooms.removeParticipant(room, identity), "RemoveParticipant", true));
  }

  public void deleteRoom(String room) {
    execute(rooms.deleteRoom(room), "DeleteRoom", true);
  }

  /** Dispatches our agent to a room; the job's kind and details travel in the metadata. */
  public String createDispatch(String room, String metadata) {
    return execute(dispatch.createDispatch(room, Topics.AGENT_NAME, metadata), "CreateDispatch", false)
        .map(LivekitAgentDispatch.AgentDispatch::getId)
        .orElse("");
  }

  public String url() {
    return url;
  }

  /**
   * A call routed to the room's node. LiveKit answers such a call for a room that does not exist
   * (never made, deleted, closed after its last participant left) with 503, not 404, as when it
   * is unavailable: the room's existence tells the two apart, and a missing room is a 404.
   */
  private <T> Optional<T> inRoom(String room, Supplier<Optional<T>> call) {
    try {
      return call.get();
    } catch (LiveKitUnavailableException e) {
      if (e.getCause() == null && execute(rooms.listRooms(List.of(room)), "ListRooms", false).orElse(List.of()).isEmpty()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Runs a call. A Void answer is present as an empty Optional only when {@code notFoundIsOk} and
   * LiveKit said 404; successful Void calls give {@code Optional.of(Boolean.TRUE)} cast to T.
   */
  @SuppressWarnings("unchecked")
  private <T> Optional<T> execute(Call<T> call, String method, boolean notFoundIsOk) {
    Response<T> response;
    try {
      response = call.execute();
    } catch (IOException | RuntimeException e) {
      throw new LiveKitUnavailableException(
          "LiveKit at " + url + " is unreachable (" + method + ": " + e.getClass().getSimpleName() + ")", e);
    }
    if (response.code() == 404 && notFoundIsOk) {
      return Optional.empty();
    }
    if (!response.isSuccessful()) {
      throw new LiveKitUnavailableException("LiveKit at " + url + " answered " + method + " with HTTP " + response.code(), null);
    }
    T body = response.body();
    return Optional.of(body == null ? (T) Boolean.TRUE : body);
  }
}

package dev.warmtransfer.service.livekit;

import io.livekit.server.RoomServiceClient;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import livekit.LivekitModels;
import okhttp3.OkHttpClient;
import retrofit2.Call;
import retrofit2.Response;

/** LiveKit's RoomService, with failures turned into {@link LiveKitUnavailableException}. */
public final class LiveKitRooms {
  private final RoomServiceClient client;
  private final String url;

  public LiveKitRooms(LiveKitConfig config) {
    this.url = config.httpUrl();
    long timeoutMs = config.getRequestTimeout().toMilliseconds();
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .callTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false)
            .build();
    this.client =
        RoomServiceClient.createClient(url, config.getApiKey(), config.getApiSecret(), () -> http);
  }

  public LivekitModels.Room create(String name) {
    return execute(client.createRoom(name), "CreateRoom");
  }

  public List<LivekitModels.Room> list() {
    return execute(client.listRooms(), "ListRooms");
  }

  public List<LivekitModels.ParticipantInfo> participants(String room) {
    return execute(client.listParticipants(room), "ListParticipants");
  }

  public String url() {
    return url;
  }

  private <T> T execute(Call<T> call, String method) {
    Response<T> response;
    try {
      response = call.execute();
    } catch (IOException | RuntimeException e) {
      throw new LiveKitUnavailableException(
          "LiveKit at " + url + " is unreachable (" + method + ": " + e.getClass().getSimpleName() + ")", e);
    }
    if (!response.isSuccessful()) {
      throw new LiveKitUnavailableException(
          "LiveKit at " + url + " answered " + method + " with HTTP " + response.code(), null);
    }
    return response.body();
  }
}

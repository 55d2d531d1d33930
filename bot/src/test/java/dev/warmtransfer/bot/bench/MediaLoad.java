package dev.warmtransfer.bot.bench;

import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.tts.EspeakSynthesizer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The process {@link MediaBench} measures: joins one room per token read from stdin and either
 * publishes (speech over and over, or nothing queued: the pacer's idle track) or only subscribes.
 * Usage: {@code MediaLoad URL speak|idle|listen}; prints "ready" once every room is joined, and
 * leaves when stdin closes.
 */
public final class MediaLoad {
  private MediaLoad() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String mode = args[1];
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    List<String> tokens = new ArrayList<>();
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      tokens.add(line);
    }
    PcmAudio speech = "speak".equals(mode) ? new EspeakSynthesizer().render(MediaBench.SPEECH).resampled(48_000) : null;
    RoomOptions options = "listen".equals(mode) ? RoomOptions.defaults().withPublishAudio(false)
        : RoomOptions.defaults().withAutoSubscribe(false);
    List<Room> rooms = new ArrayList<>();
    for (String token : tokens) {
      Room r = Room.connect(url, token, options, new RoomListener() {});
      rooms.add(r);
      if (speech != null) {
        Thread t = new Thread(() -> {
          while (true) {
            r.play(speech.samples(), speech.sampleRate()).join();
          }
        }, "speaker");
        t.setDaemon(true);
        t.start();
      }
      Thread.sleep(100);
    }
    System.out.println("ready");
    System.out.flush();
    while (in.read() >= 0) {
      // until the bench closes our stdin
    }
    rooms.forEach(Room::close);
    System.exit(0);
  }
}

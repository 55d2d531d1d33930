package dev.warmtransfer.bot.cli;

import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomListener;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.audio.Wav;
import io.livekit.server.AccessToken;
import io.livekit.server.CanPublish;
import io.livekit.server.CanSubscribe;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bot join --url URL (--token JWT | --room NAME --identity ID) [--play in.wav] [--record out.wav] [--seconds N]}:
 * joins a room as a real participant, plays a WAV into it and/or records what it hears (all
 * remote speakers mixed, 48 kHz mono). A recorder that plays nothing publishes no track. The
 * recording is written at the end, and also when the process is stopped early (Ctrl-C, SIGTERM).
 */
public final class BotMain {
  private BotMain() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  /** Returns the process exit code: 0 done, 2 bad arguments, 1 failure. */
  public static int run(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("worker")) {
      return dev.warmtransfer.bot.worker.WorkerMain.run(java.util.Arrays.copyOfRange(args, 1, args.length));
    }
    if (args.length == 0 || !args[0].equals("join")) {
      System.err.println("usage: bot join --url URL (--token JWT | --room NAME --identity ID) "
          + "[--api-key K --api-secret S] [--play in.wav] [--record out.wav] [--seconds N]");
      return 2;
    }
    Map<String, String> opt = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        System.err.println("bot: expected an option, got " + args[i]);
        return 2;
      }
      opt.put(args[i].substring(2), args[i + 1]);
    }
    String url = opt.getOrDefault("url", System.getenv().getOrDefault("LIVEKIT_URL", "ws://127.0.0.1:7880"));
    String token = opt.get("token");
    if (token == null) {
      String room = opt.get("room");
      String identity = opt.get("identity");
      if (room == null || identity == null) {
        System.err.println("bot: --token, or --room and --identity, are required");
        return 2;
      }
      token = token(room, identity,
          opt.getOrDefault("api-key", System.getenv().getOrDefault("LIVEKIT_API_KEY", "devkey")),
          opt.getOrDefault("api-secret", System.getenv().getOrDefault("LIVEKIT_API_SECRET", "secret")));
    }
    PcmAudio play = opt.containsKey("play") ? read(Path.of(opt.get("play"))) : null;
    long seconds;
    try {
      seconds = opt.containsKey("seconds") ? Long.parseLong(opt.get("seconds"))
          : play != null ? play.durationMs() / 1000 + 2 : 10;
    } catch (NumberFormatException e) {
      System.err.println("bot: --seconds must be a whole number of seconds");
      return 2;
    }

    Mixer mixer = new Mixer();
    Recording recording = opt.containsKey("record") ? new Recording(Path.of(opt.get("record")), mixer) : null;
    // A recorder only listens: no microphone track for the others to subscribe to.
    RoomOptions options = RoomOptions.defaults().withPublishAudio(play != null || recording == null);
    Thread onSignal = null;
    if (recording != null) {
      // Ctrl-C or SIGTERM ends the JVM before --seconds is up: write what was heard on the way out.
      onSignal = new Thread(recording::save, "bot-record-on-exit");
      Runtime.getRuntime().addShutdownHook(onSignal);
    }
    try (Room room = Room.connect(url, token, options, mixer)) {
      System.err.printf("bot: joined room=%s as %s%n", room.name(), room.identity());
      if (recording != null) {
        recording.joined();
      }
      long end = System.currentTimeMillis() + seconds * 1000;
      if (play != null) {
        room.play(play.samples(), play.sampleRate()).get(seconds + 30, TimeUnit.SECONDS);
      }
      long left = end - System.currentTimeMillis();
      if (left > 0) {
        Thread.sleep(left);
      }
    } finally {
      if (recording != null) {
        recording.save();
        try {
          Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running or ran: the file is written either way
        }
      }
    }
    return 0;
  }

  /** Writes the mix once, whichever comes first: the end of --seconds, an error, or a signal. */
  static final class Recording {
    private final Path file;
    private final Mixer mixer;
    private final AtomicBoolean saved = new AtomicBoolean();
    private volatile boolean joined;

    Recording(Path file, Mixer mixer) {
      this.file = file;
      this.mixer = mixer;
    }

    /** From now on there is something to save: a failed join writes no file. */
    void joined() {
      joined = true;
    }

    void save() {
      if (!joined || !saved.compareAndSet(false, true)) {
        return;
      }
      try {
        Files.write(file, Wav.encode(new PcmAudio(mixer.mix(), 48_000)));
        System.err.printf("bot: recorded %s%n", file);
      } catch (IOException e) {
        System.err.printf("bot: could not write %s: %s%n", file, e.getMessage());
      }
    }
  }

  static String token(String room, String identity, String key, String secret) {
    AccessToken t = new AccessToken(key, secret);
    t.setIdentity(identity);
    t.setTtl(6 * 3_600_000L);
    t.addGrants(new RoomJoin(true), new RoomName(room), new CanPublish(true), new CanSubscribe(true));
    return t.toJwt();
  }

  private static PcmAudio read(Path wav) throws IOException {
    try (InputStream in = Files.newInputStream(wav)) {
      return Wav.decode(in);
    }
  }

  /** Keeps each speaker's 10 ms frames in order and sums speakers frame by frame. */
  static final class Mixer implements RoomListener {
    private final Map<String, List<short[]>> bySpeaker = new LinkedHashMap<>();

    @Override
    public synchronized void onAudio(String identity, String trackSid, short[] samples) {
      bySpeaker.computeIfAbsent(trackSid, k -> new ArrayList<>()).add(samples);
    }

    synchronized short[] mix() {
      int frames = bySpeaker.values().stream().mapToInt(List::size).max().orElse(0);
      short[] out = new short[frames * 480];
      for (List<short[]> speaker : bySpeaker.values()) {
        for (int f = 0; f < speaker.size(); f++) {
          short[] s = speaker.get(f);
          for (int i = 0; i < Math.min(480, s.length); i++) {
            int v = out[f * 480 + i] + s[i];
            out[f * 480 + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
          }
        }
      }
      return out;
    }
  }
}

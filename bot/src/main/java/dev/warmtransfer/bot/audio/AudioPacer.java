package dev.warmtransfer.bot.audio;

import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.warmtransfer.speech.audio.AudioSink;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.speech.audio.PcmFramer;
import dev.warmtransfer.speech.audio.StreamingResampler;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the local audio track: exactly 10 ms of 48 kHz PCM every 10 ms (webrtc-java drops other
 * sizes, and bursts bloat the listener's jitter buffer), silence when nothing is queued, and after
 * half a second of that nothing at all (see {@link #onQuiet}). One process-wide clock thread ticks
 * every attached pacer: a hundred participants cost one wake-up per 10 ms, not a hundred.
 * Outlives reconnections: the session attaches a new source each time.
 */
public final class AudioPacer implements AutoCloseable {
  public static final int RATE = 48_000;
  public static final int FRAME = RATE / 100;
  private static final byte[] SILENCE = new byte[FRAME * 2];

  // gen: the clear() generation the frame was queued in; frames of an older one are dropped.
  // lead: pushed in the same tick as the frame before it (see enqueue with a lead-in).
  private record Frame(byte[] pcm, CompletableFuture<Void> lastOf, int gen, boolean lead) {}

  private static final Logger LOG = LoggerFactory.getLogger(AudioPacer.class);
  private static final Set<AudioPacer> ATTACHED = new CopyOnWriteArraySet<>();
  private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "audio-clock");
    t.setDaemon(true);
    t.setPriority(Thread.MAX_PRIORITY);
    return t;
  });

  static {
    CLOCK.scheduleAtFixedRate(() -> ATTACHED.forEach(AudioPacer::safeTick), 10, 10, TimeUnit.MILLISECONDS);
  }

  /** Ticks of silence after the last frame before the track goes quiet; negative: never (to compare). */
  static final int IDLE_TICKS = Integer.getInteger("wt.pacer.idleTicks",
      Integer.parseInt(System.getenv().getOrDefault("WT_PACER_IDLE_TICKS", "50")));
  private final ConcurrentLinkedQueue<Frame> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong pushed = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  // The frame WebRTC refused last tick, pushed again before anything newer; clock thread only.
  private Frame retry;
  private boolean failing;
  private int idleTicks;
  private boolean quiet;
  private volatile boolean reattached;
  private volatile boolean standBy;
  private volatile Consumer<Boolean> quietListener = q -> {};
  private final Set<Stream> open = ConcurrentHashMap.newKeySet();
  private volatile int generation;
  private volatile CustomAudioSource source;
  private volatile boolean closed;

  /** Where frames go; null while not connected (frames then wait in the queue). */
  public void attach(CustomAudioSource source) {
    reattached = true;
    this.source = source;
    if (source != null && !closed) {
      ATTACHED.add(this);
    } else {
      ATTACHED.remove(this);
    }
  }

  /**
   * Told when the track goes quiet (true) and, a tick before its next frame, that it speaks again
   * (false); on the clock thread, so it must only enqueue. The session mutes the track at LiveKit
   * meanwhile: listeners' jitter buffers then take the silence for a pause, not for network delay
   * (measured: 490 ms of added delay after a 3 s pause without it).
   */
  public void onQuiet(Consumer<Boolean> listener) {
    quietListener = listener == null ? q -> {} : listener;
  }

  /**
   * Queues mono 16-bit PCM at any rate; the future completes when its last sample has been handed
   * to WebRTC (played out, as far as this side can tell).
   */
  public CompletableFuture<Void> enqueue(short[] samples, int sampleRate) {
    return enqueue(samples, sampleRate, 0);
  }

  /**
   * The same, with the first {@code leadFrames} frames pushed in the tick that plays the frame
   * before them (then real time again). A listener whose stream has just begun holds back what it
   * gets until its jitter buffer reaches its starting depth; a lead-in fills it at once, so the
   * first words play that much sooner, and the listener stays that far behind, as it would anyway.
   */
  public CompletableFuture<Void> enqueue(short[] samples, int sampleRate, int leadFrames) {
    short[] at48 = sampleRate == RATE ? samples : Pcm.resample(samples, sampleRate, RATE);
    return enqueue(at48, 0, at48.length, leadFrames);
  }

  /**
   * Samples {@code from} to {@code to} (exclusive) of a clip at {@link #RATE}, lead-in as above,
   * written straight into frames: no whole-clip copies (fifty calls' worth kept the heap full).
   */
  public synchronized CompletableFuture<Void> enqueue(short[] at48, int from, int to, int leadFrames) {
    Objects.checkFromToIndex(from, to, at48.length);
    CompletableFuture<Void> done = new CompletableFuture<>();
    int frames = (to - from + FRAME - 1) / FRAME;
    if (frames == 0) {
      done.complete(null);
      return done;
    }
    for (int f = 0; f < frames; f++) {
      queue.add(new Frame(frameBytes(at48, from + f * FRAME, to), f == frames - 1 ? done : null, generation,
          f < leadFrames));
    }
    return done;
  }

  /** 10 ms of little-endian PCM from {@code from}, padded with silence past {@code to}. */
  private static byte[] frameBytes(short[] s, int from, int to) {
    byte[] out = new byte[FRAME * 2];
    int end = Math.min(to, from + FRAME);
    for (int i = from, o = 0; i < end; i++, o += 2) {
      out[o] = (byte) s[i];
      out[o + 1] = (byte) (s[i] >> 8);
    }
    return out;
  }

  /**
   * A sink for speech that arrives in chunks as it is synthesized (any size, any rate up to
   * 48 kHz): each chunk is resampled without seams and queued as whole 10 ms frames at once, so
   * the first words play while later ones are still being made.
   */
  public Stream stream() {
    Stream s = new Stream(generation);
    open.add(s);
    return s;
  }

  /**
   * Stops everything at once (hold music off, a briefing talked over): every queued frame is
   * dropped, so the next 10 ms tick already plays silence. Futures of dropped speech and the
   * {@link Stream#played()} of every stream still open are <b>cancelled</b> (a
   * {@link java.util.concurrent.CancellationException} for whoever waits); a cancelled stream
   * ignores further writes, so a synthesizer still producing it costs nothing audible.
   */
  public synchronized void clear() {
    generation++;
    for (Stream s : open) {
      s.cancel();
    }
    open.clear();
    dropQueued();
  }

  /** Speech is coming: a quiet voice is unmuted now (pushing nothing), so its first frame needs no unmute tick. */
  public void standBy() {
    standBy = true;
  }

  /** Runs a tick now, not up to 10 ms later (the next comes as usual: one frame early, like a lead-in). */
  public void playNow() {
    if (ATTACHED.contains(this)) {
      CLOCK.execute(this::safeTick);
    }
  }

  /** True while anything is queued to play, or a stream is open that has not been played to its end. */
  public boolean isPlaying() {
    return !queue.isEmpty() || !open.isEmpty();
  }

  /** One utterance streamed into this pacer; {@link #played()} completes when its end has been played. */
  public final class Stream implements AudioSink {
    private final CompletableFuture<Void> played = new CompletableFuture<>();
    private final int gen;
    private final PcmFramer framer;
    private StreamingResampler resampler;
    private int rate;
    private boolean ended;

    private Stream(int gen) {
      this.gen = gen;
      this.framer = new PcmFramer(f -> queue.add(new Frame(f.pcm(), null, gen, false)));
      played.whenComplete((v, e) -> open.remove(this));
    }

    private void cancel() {
      played.cancel(false);
    }

    @Override
    public synchronized void write(byte[] pcm, int sampleRate) {
      if (ended) {
        throw new IllegalStateException("stream already ended");
      }
      if (played.isCancelled()) {
        return;
      }
      if (resampler == null || sampleRate != rate) {
        resampler = new StreamingResampler(sampleRate, RATE);
        rate = sampleRate;
      }
      framer.write(Pcm.toBytes(resampler.process(Pcm.toShorts(pcm))), RATE);
    }

    /** Queues the padded last frame and a 10 ms end marker, which tells {@link #played()} when it is out. */
    @Override
    public synchronized void end() {
      if (ended) {
        return;
      }
      ended = true;
      if (played.isCancelled()) {
        return;
      }
      framer.end();
      queue.add(new Frame(SILENCE, played, gen, false));
    }

    public CompletableFuture<Void> played() {
      return played;
    }
  }

  /** Takes every queued frame out, concatenated: what would have been played, for tests. */
  synchronized short[] drain() {
    short[] out = new short[queue.size() * FRAME];
    int n = 0;
    Frame f;
    while ((f = queue.poll()) != null) {
      if (f.gen() != generation) {
        continue;
      }
      short[] s = Pcm.toShorts(f.pcm());
      System.arraycopy(s, 0, out, n, s.length);
      n += s.length;
    }
    return Arrays.copyOf(out, n);
  }

  public int queuedFrames() {
    return queue.size();
  }

  public long framesPushed() {
    return pushed.get();
  }

  /** Pushes WebRTC refused (a source torn down by a reconnection): those frames were not played. */
  public long pushFailures() {
    return failures.get();
  }

  /**
   * One participant's failure must never stop the clock for everyone: anything but a refused push
   * (handled in {@link #tick}) detaches this pacer, loudly.
   */
  private void safeTick() {
    try {
      tick();
    } catch (Throwable t) {
      LOG.error("event=audio_pacer_detached error=\"{}\"", t.toString(), t);
      ATTACHED.remove(this);
    }
  }

  private void tick() {
    CustomAudioSource s = source;
    if (s == null) {
      return;
    }
    if (reattached) {
      reattached = false;
      idleTicks = 0;
      quiet = false;
    }
    Frame f = retry;
    retry = null;
    if (f != null && f.gen() != generation) {
      drop(f); // cleared while it waited for a source
      f = null;
    }
    if (f == null) {
      f = queue.poll();
      // A stream's writer may race clear() and queue a frame of the old generation: never play it.
      // clear() may still be draining the queue beside us: a dropped frame's future is cancelled
      // here too, or the one clear() did not reach would never complete.
      while (f != null && f.gen() != generation) {
        drop(f);
        f = queue.poll();
      }
    }
    if (f == null) {
      // Idle: a short silent tail bridges gaps in speech; after it, nothing is pushed, so WebRTC
      // encodes and sends nothing (an idle track cost as much as a speaking one).
      if (IDLE_TICKS >= 0 && idleTicks >= IDLE_TICKS) {
        // Standing by, a quiet voice is unmuted (and still pushes nothing); otherwise it goes quiet.
        if (quiet == standBy) {
          quiet = !standBy;
          tell(quiet);
        }
        return;
      }
      idleTicks++;
    } else {
      idleTicks = 0;
      standBy = false;
      if (quiet) {
        // Unmuted before the first frame, so LiveKit does not drop it as a muted track's.
        quiet = false;
        tell(false);
        retry = f;
        return;
      }
    }
    if (!push(s, f)) {
      return;
    }
    // A lead-in goes out in this same tick; anything else waits for the next (stale frames are dropped there).
    Frame n = queue.peek();
    while (n != null && n.lead() && (n = queue.poll()) != null) {
      if (!n.lead() || n.gen() != generation) {
        retry = n;
        return;
      }
      if (!push(s, n)) {
        return;
      }
      n = queue.peek();
    }
  }

  /** A frame that will not play: whoever waits for it is told (a cancellation). */
  private static void drop(Frame f) {
    if (f.lastOf() != null) {
      f.lastOf().cancel(false);
    }
  }

  private void dropQueued() {
    Frame f;
    while ((f = queue.poll()) != null) {
      drop(f);
    }
  }

  private void tell(boolean nowQuiet) {
    try {
      quietListener.accept(nowQuiet);
    } catch (RuntimeException e) {
      LOG.warn("event=audio_quiet_listener_failed error=\"{}\"", e.toString());
    }
  }

  /** One frame (silence for null) to WebRTC; false when refused, the frame then kept for the next tick. */
  private boolean push(CustomAudioSource s, Frame f) {
    try {
      s.pushAudio(f == null ? SILENCE : f.pcm(), 16, RATE, 1, FRAME);
    } catch (RuntimeException e) {
      // Not played: keep the frame for the next tick (or the source the next session attaches),
      // and say so once per run of failures rather than a hundred times a second.
      failures.incrementAndGet();
      retry = f;
      if (!failing) {
        failing = true;
        LOG.warn("event=audio_push_failed error=\"{}\"", e.getMessage());
      }
      return false;
    }
    failing = false;
    pushed.incrementAndGet();
    if (f != null && f.lastOf() != null) {
      // Whatever waits on it runs elsewhere: this thread keeps time for every participant.
      f.lastOf().completeAsync(() -> null);
    }
    return true;
  }

  @Override
  public void close() {
    closed = true;
    attach(null);
    open.forEach(Stream::cancel);
    dropQueued();
  }
}

// An in-page recorder of everything a page hears: every remote audio element the app attaches
// (#remote-audio) is tapped by WebAudio, and each 256-sample block (5.8 ms at 44.1 kHz) is stamped
// with wall-clock time (performance.timeOrigin + performance.now(), comparable across the browser
// processes of one machine), its RMS and, when loud, its dominant frequency. Button clicks are
// stamped on the same clock, in the capture phase, before the app sees them.

/** Starts recording in the page (idempotent). Remote audio that arrives later is tapped too. */
export async function installEars(page) {
  await page.evaluate(() => {
    if (window.__ears) return;
    const ctx = new AudioContext();
    void ctx.resume();
    const now = () => performance.timeOrigin + performance.now();
    const ears = { tracks: {}, clicks: [], blockMs: (256 * 1000) / ctx.sampleRate };
    window.__ears = ears;
    document.addEventListener('click', (e) => {
      const b = e.target instanceof Element ? e.target.closest('button') : null;
      if (b) ears.clicks.push({ name: b.textContent, t: now() });
    }, true);
    // A ScriptProcessor only runs when connected to the output: through a muted gain.
    const sink = ctx.createGain();
    sink.gain.value = 0;
    sink.connect(ctx.destination);
    // livekit-client recycles detached audio elements (and their MediaStream) for later tracks, and
    // WebRTC reuses a receiver's track for the next subscription: so a tap follows its element's
    // current track, records only while the element is in the page (playing), and names the
    // speaker the element names at that moment.
    const taps = new WeakMap();
    const tap = (el) => {
      const track = el.srcObject?.getAudioTracks()[0];
      const old = taps.get(el);
      if (!track || old?.track === track) return;
      if (old) old.nodes.forEach((n) => n.disconnect());
      const src = ctx.createMediaStreamSource(new MediaStream([track]));
      const an = ctx.createAnalyser();
      an.fftSize = 4096;
      src.connect(an);
      const sp = ctx.createScriptProcessor(256, 1, 1);
      src.connect(sp);
      sp.connect(sink);
      taps.set(el, { track, nodes: [src, sp] });
      const freq = new Float32Array(an.frequencyBinCount);
      let n = 0;
      sp.onaudioprocess = (ev) => {
        const x = ev.inputBuffer.getChannelData(0);
        let e = 0;
        for (let i = 0; i < x.length; i++) e += x[i] * x[i];
        const rms = Math.sqrt(e / x.length);
        let hz = 0;
        // The spectrum costs more than the RMS: every 4th loud block is enough to name a tone.
        if (rms > 0.005 && n++ % 4 === 0) {
          an.getFloatFrequencyData(freq);
          let best = 1;
          for (let i = 2; i < freq.length; i++) if (freq[i] > freq[best]) best = i;
          hz = Math.round((best * ctx.sampleRate) / an.fftSize);
        }
        if (el.isConnected) (ears.tracks[el.dataset.identity] ??= []).push([now(), rms, hz]); // [t, rms, hz]
      };
    };
    const host = document.getElementById('remote-audio');
    host.querySelectorAll('audio').forEach(tap);
    new MutationObserver(() => host.querySelectorAll('audio').forEach(tap))
      .observe(host, { childList: true, subtree: true });
  });
}

/** The page's wall clock now (ms since the epoch, sub-millisecond). */
export function pageNow(page) {
  return page.evaluate(() => performance.timeOrigin + performance.now());
}

/** When the page last saw a click on the button named `name`. */
export async function clickedAt(page, name) {
  const t = await page.evaluate((name) => window.__ears.clicks.filter((c) => c.name === name).at(-1)?.t, name);
  if (t === undefined) throw new Error(`no click on "${name}" recorded`);
  return t;
}

/**
 * What the page heard in [from, to), per identity: loud milliseconds, the first and last loud
 * block, and the share of its tone-checked blocks at each frequency (10 Hz bins).
 */
export function heard(page, from, to = Infinity, threshold = 0.01) {
  return page.evaluate(({ from, to, threshold }) => {
    const out = {};
    for (const [id, frames] of Object.entries(window.__ears.tracks)) {
      let loud = 0;
      let first;
      let last;
      const bins = {};
      let pitched = 0;
      for (const [t, rms, hz] of frames) {
        if (t < from || t >= to || rms <= threshold) continue;
        loud++;
        first ??= t;
        last = t;
        if (hz) {
          pitched++;
          const bin = Math.round(hz / 10) * 10;
          bins[bin] = (bins[bin] ?? 0) + 1;
        }
      }
      out[id] = { loudMs: Math.round(loud * window.__ears.blockMs), first, last, pitched, bins };
    }
    return out;
  }, { from, to: to === Infinity ? Number.MAX_VALUE : to, threshold });
}

/** The share of `h`'s (one identity's entry from heard()) tone-checked blocks within 15 Hz of `hz`. */
export function toneShare(h, hz) {
  if (!h || !h.pitched) return 0;
  let n = 0;
  for (const [bin, count] of Object.entries(h.bins)) if (Math.abs(Number(bin) - hz) <= 15) n += count;
  return n / h.pitched;
}

/**
 * The longest stretch in [from, to) in which the page heard nothing louder than `threshold`
 * from anyone (all remote tracks mixed), with where it started.
 */
export function longestSilence(page, from, to, threshold = 0.005) {
  return page.evaluate(({ from, to, threshold }) => {
    const times = [];
    for (const frames of Object.values(window.__ears.tracks)) {
      for (const [t, rms] of frames) if (t >= from && t < to && rms > threshold) times.push(t);
    }
    times.sort((x, y) => x - y);
    let prev = from;
    let gap = { ms: 0, at: from };
    for (const t of [...times, to]) {
      if (t - prev > gap.ms) gap = { ms: t - prev, at: prev };
      prev = t;
    }
    return gap;
  }, { from, to, threshold });
}

/** Waits until `pred(heard(page, from))` holds, polling; returns the last heard() result. */
export async function awaitHeard(page, from, pred, seconds, what) {
  const until = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < until) {
    last = await heard(page, from);
    if (pred(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} not heard within ${seconds} s: ${JSON.stringify(last)}`);
}

/** Frees what was recorded before `t` (long runs: the benchmark). */
export function forget(page, t) {
  return page.evaluate((t) => {
    for (const frames of Object.values(window.__ears.tracks)) {
      const i = frames.findIndex((f) => f[0] >= t);
      frames.splice(0, i < 0 ? frames.length : i);
    }
  }, t);
}

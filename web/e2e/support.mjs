// Shared by the browser tests: Debian's Chromium through playwright-core (no browser download), fake
// microphones from WAV files, screenshots, console-error capture, LiveKit tokens and server-side data.
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.WT_BASE_URL ?? 'http://127.0.0.1:8000';
export const LIVEKIT_URL = process.env.WT_LIVEKIT_URL ?? 'ws://127.0.0.1:7880';
export const LIVEKIT_HTTP = process.env.WT_LIVEKIT_HTTP ?? 'http://127.0.0.1:7880';
const KEY = process.env.WT_LIVEKIT_KEY ?? 'devkey';
const SECRET = process.env.WT_LIVEKIT_SECRET ?? 'secret';
export const ARTEFACTS = process.env.WT_ARTEFACTS ?? 'target/e2e';
mkdirSync(ARTEFACTS, { recursive: true });

const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find(existsSync);

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 860 };

/** A mono 16-bit 48 kHz sine WAV (Chromium loops it as the fake microphone). */
export function toneWav(hz, seconds = 4) {
  const path = join(ARTEFACTS, `tone-${hz}.wav`);
  if (existsSync(path)) return path;
  const rate = 48000;
  const n = rate * seconds;
  const buf = Buffer.alloc(44 + n * 2);
  buf.write('RIFF', 0); buf.writeUInt32LE(36 + n * 2, 4); buf.write('WAVE', 8);
  buf.write('fmt ', 12); buf.writeUInt32LE(16, 16); buf.writeUInt16LE(1, 20); buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24); buf.writeUInt32LE(rate * 2, 28); buf.writeUInt16LE(2, 32); buf.writeUInt16LE(16, 34);
  buf.write('data', 36); buf.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 0.5 * 32767), 44 + i * 2);
  writeFileSync(path, buf);
  return path;
}

/** One browser process per microphone: the fake-capture file is a command-line flag. */
export async function launch(wav) {
  if (!CHROMIUM) throw new Error('Chromium not found: apt-get install -y chromium fonts-liberation');
  if (wav && !existsSync(wav)) throw new Error(`no such WAV: ${wav}`); // a missing file is silent, not an error
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      ...(wav ? [`--use-file-for-fake-audio-capture=${wav}`] : []),
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/**
 * A page with the microphone granted (without it Chromium hides host ICE candidates and nothing
 * connects in the namespace) and every console error and page error collected.
 */
export async function openPage(browser, { viewport = DESKTOP, bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport, bypassCSP });
  await context.grantPermissions(['microphone'], { origin: BASE });
  const page = await context.newPage();
  page.errors = [];
  // A failed request is also logged to the console as "Failed to load resource"; we keep the
  // request line instead, which says which one.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) page.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) page.errors.push(`http ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  return page;
}

let absent;
/**
 * API paths this server does not have yet (other branches build them): the app asks for them and
 * copes; a 404 from one of these is not an error of the page.
 */
export async function absentPaths() {
  if (!absent) {
    absent = new Set();
    for (const path of ['/me', '/agents', '/calls', '/events', '/transfers']) {
      const res = await fetch(BASE + path);
      if (res.status === 404 && !(await res.text()).includes('"field"')) absent.add(path);
    }
  }
  return absent;
}

/**
 * The page's errors, less 404s from paths the server does not have yet and the 401 of GET /me,
 * which is how the app learns that nobody is signed in yet.
 */
export async function pageErrors(page) {
  const missing = await absentPaths();
  return page.errors.filter((e) => {
    if (e === 'http 401 GET /me') return false;
    const m = /^http 404 \w+ (\S+)$/.exec(e);
    return !(m && missing.has(m[1]));
  });
}

let shot = 0;
const spec = basename(process.argv[1] ?? 'e2e', '.test.mjs');
/** Saved as <spec>-<step number>-<name>.png under ARTEFACTS; look at them. */
export async function screenshot(page, name) {
  const file = join(ARTEFACTS, `${spec}-${String(++shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The page fits its viewport: nothing forces sideways scrolling (phone screens). */
export async function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Listens for `ms` to the remote audio element of `identity` in the page (the app attaches them to
 * #remote-audio) and returns the dominant frequency histogram and RMS, measured by WebAudio.
 */
export async function listen(page, identity, ms = 1500) {
  return page.evaluate(async ({ identity, ms }) => {
    const deadline = Date.now() + 15000;
    let el;
    while (!(el = document.querySelector(`#remote-audio audio[data-identity="${identity}"]`))) {
      if (Date.now() > deadline) return { error: `no audio element for ${identity}` };
      await new Promise((r) => setTimeout(r, 100));
    }
    const ctx = new AudioContext();
    await ctx.resume();
    const src = ctx.createMediaStreamSource(el.srcObject);
    const an = ctx.createAnalyser();
    an.fftSize = 8192;
    src.connect(an);
    const time = new Float32Array(an.fftSize);
    const freq = new Float32Array(an.frequencyBinCount);
    const peaks = [];
    let sum = 0;
    let frames = 0;
    const end = Date.now() + ms;
    while (Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      an.getFloatTimeDomainData(time);
      let e = 0;
      for (const v of time) e += v * v;
      const rms = Math.sqrt(e / time.length);
      sum += rms;
      frames++;
      if (rms > 0.01) {
        an.getFloatFrequencyData(freq);
        let best = 0;
        for (let i = 1; i < freq.length; i++) if (freq[i] > freq[best]) best = i;
        peaks.push(Math.round((best * ctx.sampleRate) / an.fftSize));
      }
    }
    await ctx.close();
    return { rms: sum / frames, peaks, frames };
  }, { identity, ms });
}

/** The share of loud frames whose peak is within 15 Hz of `hz`. */
export function share(result, hz) {
  if (!result.frames) return 0;
  return result.peaks.filter((p) => Math.abs(p - hz) <= 15).length / result.frames;
}

/** Waits until `identity` is heard at `hz` in the page (media takes a moment to flow). */
export async function awaitTone(page, identity, hz, seconds = 20) {
  const until = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < until) {
    last = await listen(page, identity, 1000);
    if (share(last, hz) >= 0.6) return last;
  }
  throw new Error(`${identity} not heard at ${hz} Hz within ${seconds} s: ${JSON.stringify(last)}`);
}

function b64url(o) {
  return Buffer.from(JSON.stringify(o)).toString('base64url');
}

/** An HS256 LiveKit token; `video` holds the grants. */
export function token(identity, video, extra = {}) {
  const now = Math.floor(Date.now() / 1000);
  const h = b64url({ alg: 'HS256', typ: 'JWT' });
  const p = b64url({ iss: KEY, sub: identity, nbf: now - 10, exp: now + 3600, video, ...extra });
  return `${h}.${p}.${createHmac('sha256', SECRET).update(`${h}.${p}`).digest('base64url')}`;
}

/** Data into a room through LiveKit's RoomService, the way the service sends wt.* messages. */
export async function sendData(room, topic, body, to = []) {
  const res = await fetch(`${LIVEKIT_HTTP}/twirp/livekit.RoomService/SendData`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token('e2e-admin', { roomAdmin: true, room })}` },
    body: JSON.stringify({
      room,
      data: Buffer.from(JSON.stringify(body)).toString('base64'),
      kind: 'RELIABLE',
      topic,
      destination_identities: to,
    }),
  });
  if (!res.ok) throw new Error(`SendData ${res.status}: ${await res.text()}`);
}

/** Joins a room through the seed's demo form ("Identity", "Room", "Role", "Join Room"). */
export async function joinByForm(page, identity, room, role) {
  await page.goto(BASE + '/');
  await page.getByLabel('Identity', { exact: true }).fill(identity);
  await page.getByLabel('Room', { exact: true }).fill(room);
  await page.getByLabel('Role', { exact: true }).selectOption({ label: role });
  await page.getByRole('button', { name: 'Join Room' }).click();
  if (role === 'Agent') await signInIfAsked(page, identity, `In call ${room}`);
}

/**
 * With sign-in on the server, an agent signs in first: the dev-mode demo agents (username = the
 * identity without "agent-", password WT_E2E_PASSWORD, which BrowserTest configures).
 */
export async function signInIfAsked(page, identity, doneText) {
  const username = page.getByLabel('Username');
  await username.or(page.getByText(doneText)).first().waitFor({ timeout: 20000 });
  if (!(await username.isVisible())) return;
  await username.fill(identity.replace(/^agent-/, ''));
  await page.getByLabel('Password').fill(process.env.WT_E2E_PASSWORD ?? '');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Closes browsers after leaving rooms (LiveKit otherwise waits for participants on shutdown). */
export async function closeAll(...browsers) {
  for (const b of browsers) {
    if (!b) continue;
    for (const ctx of b.contexts()) {
      for (const p of ctx.pages()) {
        await p.evaluate(() => document.querySelectorAll('audio').forEach((a) => a.remove())).catch(() => {});
      }
    }
    await b.close().catch(() => {});
  }
}

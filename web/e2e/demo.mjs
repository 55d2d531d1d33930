// The seed's three-tab demo as steps the transfer tests and the Chromium benchmark share: Agent A
// (alice) joins a room through the seed's form, the caller joins it, Agent B (bob) waits in the
// agent console for the incoming transfer. Each person is a browser process with its own fake
// microphone; each page records what it hears (ears.mjs).
import { BASE, DESKTOP, PHONE, joinByForm, launch, openPage, toneWav } from './support.mjs';
import { installEars } from './ears.mjs';

export const ALICE = 'agent-alice';
export const BOB = 'agent-bob';
// Off the notes of the generated hold music (a piano loop around 175-525 Hz), so a tone heard
// can only be the person's.
export const ALICE_HZ = 1300;
export const BOB_HZ = 1800;
export const CALLER_HZ = 1000;
/** The seed's example notes: A's words for B, with the account number the briefing card must show. */
export const NOTES = 'Customer needs billing support. Account #12345. Issue with recent charge.';

/** Three browsers: Agent A at 1300 Hz, Agent B at 1800 Hz, the caller at 1000 Hz or the given WAV. */
export async function openDemo(callerWav = toneWav(CALLER_HZ)) {
  const [alice, caller, bob] = await Promise.all([launch(toneWav(ALICE_HZ)), launch(callerWav), launch(toneWav(BOB_HZ))]);
  const a = await openPage(alice, { viewport: DESKTOP });
  const c = await openPage(caller, { viewport: PHONE });
  const b = await openPage(bob, { viewport: DESKTOP });
  await b.context().addInitScript(MIC_SWITCH);
  return { browsers: [alice, caller, bob], a, c, b };
}

/**
 * A switch on the page's microphone (window.__mic.set(on)), between the fake capture and the app:
 * the briefer stops for good when Agent B talks, and a fake microphone never stops talking, so B
 * keeps quiet while listening to the briefing as a person would, then talks to the caller.
 */
const MIC_SWITCH = `(() => {
  const md = navigator.mediaDevices;
  if (!md) return;
  const capture = md.getUserMedia.bind(md);
  const gains = [];
  window.__mic = { on: true, set(on) { this.on = on; for (const g of gains) g.gain.value = on ? 1 : 0; } };
  md.getUserMedia = async (constraints) => {
    const stream = await capture(constraints);
    if (!constraints || !constraints.audio) return stream;
    const ctx = new AudioContext();
    const gain = ctx.createGain();
    gain.gain.value = window.__mic.on ? 1 : 0;
    gains.push(gain);
    const out = ctx.createMediaStreamDestination();
    ctx.createMediaStreamSource(stream).connect(gain).connect(out);
    const track = out.stream.getAudioTracks()[0];
    const stop = track.stop.bind(track);
    track.stop = () => { stop(); stream.getTracks().forEach((t) => t.stop()); void ctx.close(); };
    return new MediaStream([track, ...stream.getVideoTracks()]);
  };
})();`;

/** Turns the page's microphone (MIC_SWITCH) on or off. */
export function micOn(page, on) {
  return page.evaluate((on) => window.__mic.set(on), on);
}

/** Agent B signs in to the console (/agent), where incoming transfers arrive. */
export async function openConsole(page, username) {
  await page.goto(BASE + '/agent');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(process.env.WT_E2E_PASSWORD ?? '');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(/^Signed in as /).waitFor({ timeout: 20000 });
  await installEars(page);
}

/**
 * Agent A and the caller in room `room` (the seed's steps 1-2); resolves when the call assistant
 * the service dispatches has joined (A's participant list shows it).
 */
export async function startCall({ a, c }, room, callerIdentity) {
  await joinByForm(a, ALICE, room, 'Agent');
  await a.getByText(`In call ${room}`).waitFor({ timeout: 20000 });
  await installEars(a);
  await joinByForm(c, callerIdentity, room, 'Caller');
  await c.getByText(/^You are talking to /).waitFor({ timeout: 20000 });
  await installEars(c);
  await a.locator('.peer[data-identity^="wt-assistant-"]').waitFor({ timeout: 120000 });
}

/** The seed's step 3 on A's page: "Agent B Identity", "Call Notes", "Initiate Warm Transfer". */
export async function initiate(a, notes) {
  await a.getByLabel('Agent B Identity').fill(BOB);
  await a.getByLabel('Call Notes').fill(notes);
  await a.getByRole('button', { name: 'Initiate Warm Transfer' }).click();
}

/** The incoming transfer card on B's console for the call in `room`. */
export function incoming(b, room) {
  return b.locator('.incoming').filter({ hasText: `in call ${room}` });
}

/** Leaves rooms before closing (LiveKit otherwise waits for participants on shutdown). */
export { closeAll } from './support.mjs';

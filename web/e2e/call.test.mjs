// A caller and an agent in one call hear each other (by tone), the caller's page follows the
// service's wt.transfer (hold) and wt.move (the seed's move caller) messages, mute and hang up work.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DESKTOP, LIVEKIT_URL, PHONE, awaitTone, closeAll, horizontalOverflow, joinByForm, launch, listen, openPage, pageErrors,
  screenshot, sendData, share, token, toneWav,
} from './support.mjs';

const R = `e2e-call-${Date.now()}`;
const H = `${R}-transfer-e2e`;
let alice, caller, bob; // browsers: Agent A at 440 Hz, the caller at 1000 Hz, Agent B at 660 Hz
let a, c, b; // their pages

before(async () => {
  [alice, caller, bob] = await Promise.all([launch(toneWav(440)), launch(toneWav(1000)), launch(toneWav(660))]);
  a = await openPage(alice, { viewport: DESKTOP });
  c = await openPage(caller, { viewport: PHONE });
  b = await openPage(bob, { viewport: DESKTOP });
});
after(async () => { await closeAll(alice, caller, bob); });

test('the caller hears Agent A and Agent A hears the caller; each page says who is there', async () => {
  await joinByForm(a, 'agent-alice', R, 'Agent');
  await a.getByText(`In call ${R}`).waitFor({ timeout: 20000 });
  await joinByForm(c, 'caller-123', R, 'Caller');
  // Signed-in agents carry the display name the service gave them (the demo agent Alice Archer).
  await c.getByText(/You are talking to (Alice Archer|agent-alice)$/).waitFor({ timeout: 20000 });
  const heardByCaller = await awaitTone(c, 'agent-alice', 440);
  const heardByAlice = await awaitTone(a, 'caller-123', 1000);
  assert.ok(share(heardByCaller, 1000) < 0.1, 'the caller hears its own tone');
  assert.ok(heardByAlice.rms > 0.02, `Agent A hears the caller too quietly: ${heardByAlice.rms}`);
  // Agent A's console lists the caller, shows who speaks, and fills the Caller Identity.
  await a.locator('.peer.speaking[data-identity="caller-123"]').waitFor({ timeout: 10000 });
  assert.equal(await a.getByLabel('Caller Identity').inputValue(), 'caller-123');
  assert.ok(await horizontalOverflow(c) <= 0, 'the caller page scrolls sideways on a phone');
  await screenshot(c, 'caller-talking-to-alice');
  await screenshot(a, 'alice-in-call');
});

test('on hold from a wt.transfer message, and back when the transfer ends', async () => {
  const t = { transferId: 't-e2e', fromRoom: R, newRoom: H, agentA: 'agent-alice', agentB: 'agent-bob', callerIdentity: 'caller-123' };
  await sendData(R, 'wt.transfer', { ...t, state: 'caller_on_hold', at: new Date().toISOString() });
  await c.getByText('On hold — connecting you with a specialist').waitFor({ timeout: 10000 });
  await screenshot(c, 'caller-on-hold');
  await sendData(R, 'wt.transfer', { ...t, state: 'declined', reason: 'billing is closed' });
  await c.getByText('You are back with agent-alice').waitFor({ timeout: 10000 });
  assert.equal(await c.getByText('On hold — connecting you with a specialist').isVisible(), false);
  await screenshot(c, 'caller-back-with-alice');
});

test('wt.move takes the caller to Agent B in another room; the caller hears B, not A', async () => {
  await joinByForm(b, 'agent-bob', H, 'Agent');
  await b.getByText(`In call ${H}`).waitFor({ timeout: 20000 });
  const move = token('caller-123', { roomJoin: true, room: H, canPublish: true, canSubscribe: true, canPublishData: false });
  await sendData(R, 'wt.move', { room: H, token: move, wsUrl: LIVEKIT_URL }, ['caller-123']);
  await c.getByText('You were moved to your new agent').waitFor({ timeout: 20000 });
  await c.getByText(/You are talking to (Bob Baker|agent-bob)$/).waitFor({ timeout: 20000 });
  const heard = await awaitTone(c, 'agent-bob', 660);
  assert.ok(share(heard, 440) < 0.1, 'the caller still hears Agent A');
  assert.equal(await c.locator('#remote-audio audio[data-identity="agent-alice"]').count(), 0);
  await awaitTone(b, 'caller-123', 1000);
  // Agent A's page sees the caller leave R.
  await a.locator('.peer[data-identity="caller-123"]').waitFor({ state: 'detached', timeout: 15000 });
  await screenshot(c, 'caller-moved-to-bob');
  await screenshot(b, 'bob-with-caller');
});

test('mute silences the caller for Agent B; hang up ends the call on both pages', async () => {
  const before = await listen(b, 'caller-123', 1000);
  assert.ok(before.rms > 0.02, `caller too quiet before mute: ${before.rms}`);
  await c.getByRole('button', { name: 'Mute' }).click();
  await c.getByRole('button', { name: 'Unmute' }).waitFor();
  assert.equal(await c.getByRole('button', { name: 'Unmute' }).getAttribute('aria-pressed'), 'true');
  await new Promise((r) => setTimeout(r, 1000));
  const muted = await listen(b, 'caller-123', 1000);
  assert.ok(muted.rms < 0.005, `caller still heard while muted: ${muted.rms}`);
  await b.locator('.peer[data-identity="caller-123"] .tag', { hasText: 'muted' }).waitFor({ timeout: 10000 });
  await screenshot(c, 'caller-muted');
  await c.getByRole('button', { name: 'Hang up' }).click();
  await c.getByText(/Call ended/).waitFor();
  await c.getByRole('link', { name: 'Call again' }).waitFor();
  await b.locator('.peer[data-identity="caller-123"]').waitFor({ state: 'detached', timeout: 15000 });
  await screenshot(c, 'caller-hung-up');
  await screenshot(b, 'bob-after-hang-up');
  for (const p of [a, b, c]) assert.deepEqual(await pageErrors(p), [], `errors on ${p.url()}`);
  await a.getByRole('button', { name: 'Leave call' }).click();
  await b.getByRole('button', { name: 'Leave call' }).click();
});

// The seed's three-tab demo end to end, by ear, through the real transfer: the real service,
// LiveKit with its webhooks and a real bot worker (call assistant in the call, briefer in the
// handoff room). BrowserTransferTest starts them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pageErrors, screenshot } from './support.mjs';
import { awaitHeard, clickedAt, heard, longestSilence, pageNow, toneShare } from './ears.mjs';
import {
  ALICE, ALICE_HZ, BOB, BOB_HZ, CALLER_HZ, closeAll, incoming, initiate, micOn, openConsole, openDemo, startCall, NOTES,
} from './demo.mjs';

const R = `e2e-demo-${Date.now()}`;
const CALLER = 'caller-123';
let demo;
let a, c, b;

before(async () => {
  demo = await openDemo();
  ({ a, c, b } = demo);
});
after(async () => { await closeAll(...(demo?.browsers ?? [])); });

/** Frames of A's tone among everything `h` (one heard() result) holds, whoever sent them. */
const aliceTone = (h) => Object.values(h).reduce((n, x) => n + Math.round(toneShare(x, ALICE_HZ) * x.pitched), 0);

test('the caller and Agent A talk; the call assistant joins; Agent B waits in the console', async () => {
  await openConsole(b, 'bob');
  await micOn(b, false); // B listens quietly until accepting
  await startCall(demo, R, CALLER);
  const t = await pageNow(c);
  const h = await awaitHeard(c, t, (h) => h[ALICE]?.loudMs > 1000, 30, 'Agent A at the caller');
  assert.ok(toneShare(h[ALICE], ALICE_HZ) > 0.8, `the caller hears A off pitch: ${JSON.stringify(h[ALICE])}`);
  await awaitHeard(a, await pageNow(a), (h) => h[CALLER]?.loudMs > 1000 && toneShare(h[CALLER], CALLER_HZ) > 0.8, 30, 'the caller at A');
  await screenshot(c, 'caller-talking-to-alice');
  await screenshot(a, 'alice-in-call-with-assistant');
  await screenshot(b, 'bob-console-waiting');
});

test('A initiates the warm transfer: the caller hears hold audio and not A; B sees it coming', async () => {
  await initiate(a, NOTES);
  await c.getByText('On hold — connecting you with a specialist').waitFor({ timeout: 20000 });
  await a.getByText(/^Handoff room /).waitFor({ timeout: 20000 });
  // Hold takes a moment to reach the caller's ears; then three seconds are listened to.
  await new Promise((r) => setTimeout(r, 1500));
  const from = await pageNow(c);
  await new Promise((r) => setTimeout(r, 3000));
  const h = await heard(c, from);
  const assistant = Object.keys(h).find((id) => id.startsWith('wt-assistant-'));
  assert.ok(assistant && h[assistant].loudMs > 2000, `no hold audio at the caller: ${JSON.stringify(h)}`);
  assert.equal(aliceTone(h), 0, `the caller still hears A on hold: ${JSON.stringify(h)}`);
  assert.ok(!(h[ALICE]?.loudMs > 0), `A's track is audible at the caller: ${JSON.stringify(h[ALICE])}`);
  await incoming(b, R).waitFor({ timeout: 20000 });
  await screenshot(c, 'caller-on-hold');
  await screenshot(a, 'alice-transfer-started');
  await screenshot(b, 'bob-incoming-transfer');
});

test('B joins the handoff: B hears the spoken briefing; the card shows the account number', async () => {
  const card = incoming(b, R);
  await card.getByRole('button', { name: 'Join handoff' }).click();
  const clicked = await clickedAt(b, 'Join handoff');
  await card.locator('.peer[data-identity^="wt-briefer-"]').waitFor({ timeout: 60000 });
  await screenshot(b, 'bob-joined-handoff');
  const h = await awaitHeard(b, clicked,
    (h) => Object.entries(h).some(([id, x]) => id.startsWith('wt-briefer-') && x.loudMs > 1500), 90, 'the briefing at B');
  const briefer = Object.keys(h).find((id) => id.startsWith('wt-briefer-'));
  console.log(`briefing first audible at B ${Math.round(h[briefer].first - clicked)} ms after the Join handoff click`);
  // The briefer's card (wt.briefing) names its provider; its facts or summary carry the account.
  const briefing = card.locator('.briefing');
  await briefing.getByText('Prepared by: local').waitFor({ timeout: 30000 });
  assert.match(await briefing.locator('.summary, .facts').allInnerTexts().then((t) => t.join(' ')), /12345/);
  // The caller is still on hold, and still does not hear A (who talks to B in the handoff room).
  const held = await heard(c, clicked);
  assert.equal(aliceTone(held), 0, `the caller hears A during the briefing: ${JSON.stringify(held)}`);
  // The timeline lists the phases in the order they happened, whatever order they arrived in.
  const PHASES = ['requested', 'caller_on_hold', 'agent_b_joined', 'briefed', 'accepted', 'completed'];
  for (const p of [card, a.locator('.transfer')]) {
    const states = await p.locator('.timeline li').evaluateAll((els) => els.map((e) => e.dataset.state));
    assert.ok(states.length >= 3, `timeline too short: ${states}`);
    assert.deepEqual(states, [...states].sort((x, y) => PHASES.indexOf(x) - PHASES.indexOf(y)), 'timeline out of order');
  }
  await screenshot(b, 'bob-hears-briefing');
  await screenshot(a, 'alice-in-handoff');
  await screenshot(c, 'caller-on-hold-during-briefing');
});

test('B accepts: the caller hears B, B hears the caller, A sees the transfer completed', async () => {
  await micOn(b, true);
  await incoming(b, R).getByRole('button', { name: 'Accept' }).click();
  const accepted = await clickedAt(b, 'Accept');
  await b.getByText(`In call ${R}`, { exact: true }).waitFor({ timeout: 20000 });
  await screenshot(b, 'bob-accepted');
  await screenshot(c, 'caller-after-accept');
  const atCaller = await awaitHeard(c, accepted - 1000,
    (h) => h[BOB]?.loudMs > 1000 && toneShare(h[BOB], BOB_HZ) > 0.8, 30, 'Agent B at the caller');
  await awaitHeard(b, accepted, (h) => h[CALLER]?.loudMs > 1000 && toneShare(h[CALLER], CALLER_HZ) > 0.8, 30, 'the caller at B')
    .catch(async (e) => {
      const els = await b.evaluate(() => [...document.querySelectorAll('#remote-audio audio')].map((a) => `${a.dataset.room}/${a.dataset.identity}`));
      throw new Error(`${e.message}; B's audio elements: ${els.join(', ')}`);
    });
  // At the switch the caller's receiver may play out a few milliseconds of A left in its jitter
  // buffer (seen: 3 tone-checked blocks, about 70 ms); hearing A on would be seconds.
  const since = await heard(c, accepted);
  const aMs = aliceTone(since) * 4 * 5.8;
  console.log(`A's tone at the caller after Accept: about ${Math.round(aMs)} ms`);
  assert.ok(aMs <= 120, `the caller hears A after the hand-over (${Math.round(aMs)} ms): ${JSON.stringify(since)}`);
  const gap = await longestSilence(c, accepted, atCaller[BOB].first);
  console.log(`caller's longest silence from Accept to B's first audible frame: ${Math.round(gap.ms)} ms`);
  await a.getByText('Transfer completed').first().waitFor({ timeout: 20000 });
  // A's console leaves the call by itself (the service removes A only if A stays).
  await a.getByText(`Left call ${R}: handed over.`, { exact: true }).waitFor({ timeout: 20000 });
  await c.getByText(/^You are talking to (Bob Baker|agent-bob)$/).waitFor({ timeout: 20000 });
  await b.getByText(`In call ${R}`, { exact: true }).waitFor({ timeout: 20000 });
  await screenshot(c, 'caller-with-bob');
  await screenshot(b, 'bob-with-caller');
  await screenshot(a, 'alice-transfer-completed');
  for (const p of [a, b, c]) {
    assert.deepEqual(await pageErrors(p), [], `errors on ${p.url()}`);
  }
});

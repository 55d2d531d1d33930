// The transfers that do not end with B: B declines (the caller hears A again; A and B see the
// reason), and the caller hangs up during the briefing (A and B see caller_left). Three pages each,
// the real service, LiveKit with its webhooks and the real bot worker (BrowserTransferTest).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pageErrors, screenshot } from './support.mjs';
import { awaitHeard, clickedAt, heard, pageNow, toneShare } from './ears.mjs';
import { ALICE, ALICE_HZ, closeAll, incoming, initiate, micOn, openConsole, openDemo, startCall, NOTES } from './demo.mjs';

let demo;
let a, c, b;

before(async () => {
  demo = await openDemo();
  ({ a, c, b } = demo);
  await openConsole(b, 'bob');
  await micOn(b, false); // B only listens in these stories
});
after(async () => { await closeAll(...(demo?.browsers ?? [])); });

/** The seed's steps 1-4: the call, the transfer, B in the handoff room hearing the briefing. */
async function untilBriefing(room, caller) {
  await startCall(demo, room, caller);
  await awaitHeard(c, await pageNow(c), (h) => h[ALICE]?.loudMs > 500, 30, 'Agent A at the caller');
  await initiate(a, NOTES);
  await c.getByText('On hold — connecting you with a specialist').waitFor({ timeout: 20000 });
  const card = incoming(b, room);
  await card.getByRole('button', { name: 'Join handoff' }).click();
  const joined = await clickedAt(b, 'Join handoff');
  await awaitHeard(b, joined,
    (h) => Object.entries(h).some(([id, x]) => id.startsWith('wt-briefer-') && x.loudMs > 300), 60, 'the briefing at B');
  return card;
}

test('B declines with a reason: the caller hears A again; A and B see "declined" and the reason', async () => {
  const room = `e2e-decline-${Date.now()}`;
  const card = await untilBriefing(room, 'caller-201');
  await card.getByLabel('Reason for declining').fill('billing is closed tonight');
  await card.getByRole('button', { name: 'Decline' }).click();
  const declined = await clickedAt(b, 'Decline');
  await card.getByText('Agent B declined: billing is closed tonight').waitFor({ timeout: 20000 });
  await a.getByText('Agent B declined: billing is closed tonight').waitFor({ timeout: 20000 });
  await c.getByText('You are back with agent-alice').waitFor({ timeout: 20000 });
  const h = await awaitHeard(c, declined, (h) => h[ALICE]?.loudMs > 1000, 30, 'Agent A at the caller again');
  assert.ok(toneShare(h[ALICE], ALICE_HZ) > 0.8, `the caller hears A off pitch: ${JSON.stringify(h[ALICE])}`);
  assert.equal(await c.getByText('On hold — connecting you with a specialist').isVisible(), false);
  await screenshot(c, 'caller-back-with-alice');
  await screenshot(a, 'alice-sees-declined');
  await screenshot(b, 'bob-declined');
  for (const p of [a, b, c]) assert.deepEqual(await pageErrors(p), [], `errors on ${p.url()}`);
});

test('the caller hangs up during the briefing: A and B see that the caller hung up', async () => {
  const room = `e2e-hangup-${Date.now()}`;
  const card = await untilBriefing(room, 'caller-202');
  await c.getByRole('button', { name: 'Hang up' }).click();
  await c.getByText(/^Call ended/).waitFor({ timeout: 20000 });
  const ended = await pageNow(c); // what played before the page said the call ended is not the question
  await card.locator('.status', { hasText: 'The caller hung up' }).waitFor({ timeout: 30000 });
  await a.locator('.transfer .status', { hasText: 'The caller hung up' }).waitFor({ timeout: 30000 });
  // B can no longer accept a call that has no caller.
  assert.equal(await card.getByRole('button', { name: 'Accept' }).isDisabled(), true);
  const after = await heard(c, Math.max(ended, await pageNow(c) - 1000));
  assert.ok(Object.values(after).every((x) => !x.loudMs), `the caller's page still plays audio: ${JSON.stringify(after)}`);
  await screenshot(c, 'caller-hung-up');
  await screenshot(a, 'alice-sees-caller-left');
  await screenshot(b, 'bob-sees-caller-left');
  for (const p of [a, b, c]) assert.deepEqual(await pageErrors(p), [], `errors on ${p.url()}`);
});

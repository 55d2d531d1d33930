// Live captions in Agent A's console from lk.transcription text streams, one line per segment,
// labelled with the speaker; a later stream of the same segment replaces the line.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import {
  BASE, DESKTOP, LIVEKIT_URL, closeAll, joinByForm, launch, openPage, pageErrors, screenshot, token, toneWav,
} from './support.mjs';

const SDK = fileURLToPath(new URL('../node_modules/livekit-client/dist/livekit-client.umd.js', import.meta.url));
const R = `e2e-captions-${Date.now()}`;
let agentBrowser, speakers;
let a;

before(async () => {
  [agentBrowser, speakers] = await Promise.all([launch(toneWav(440)), launch()]);
  a = await openPage(agentBrowser, { viewport: DESKTOP });
});
after(async () => { await closeAll(agentBrowser, speakers); });

/**
 * A participant that sends text streams the way LiveKit's agents send captions: livekit-client's
 * own sendText, in a page of the service's origin (CSP bypassed to load the SDK's UMD build).
 */
async function speaker(identity, name) {
  const page = await openPage(speakers, { viewport: { width: 400, height: 300 }, bypassCSP: true });
  await page.goto(BASE + '/health');
  await page.addScriptTag({ path: SDK });
  const t = token(identity, { roomJoin: true, room: R, canPublish: true, canSubscribe: false, canPublishData: true }, { name });
  await page.evaluate(async ({ url, t }) => {
    window.room = new LivekitClient.Room();
    await window.room.connect(url, t);
  }, { url: LIVEKIT_URL, t });
  return {
    say: (text, segment, final) => page.evaluate(({ text, segment, final }) =>
      window.room.localParticipant.sendText(text, {
        topic: 'lk.transcription',
        attributes: { 'lk.segment_id': segment, 'lk.transcription_final': String(final) },
      }), { text, segment, final }),
  };
}

test('captions appear in the agent console per speaker; updates of a segment replace its line', async () => {
  await joinByForm(a, 'agent-alice', R, 'Agent');
  await a.getByText(`In call ${R}`).waitFor({ timeout: 20000 });
  const carol = await speaker('caller-carol', 'Carol Caller');
  const bot = await speaker('wt-assistant-e2e', 'Assistant');
  await a.locator('.peer[data-identity="caller-carol"]').waitFor({ timeout: 15000 });
  await a.locator('.peer[data-identity="wt-assistant-e2e"]').filter({ hasText: 'assistant' }).waitFor({ timeout: 15000 });

  await carol.say('my bill for account', 'SG_1', false);
  const line = a.locator('.caption[data-identity="caller-carol"]');
  await line.filter({ hasText: 'my bill for account' }).waitFor({ timeout: 10000 });
  assert.equal(await line.first().evaluate((el) => el.classList.contains('interim')), true);
  await screenshot(a, 'caption-interim');
  await carol.say('my bill for account 12345 is wrong', 'SG_1', true);
  await line.filter({ hasText: 'account 12345 is wrong' }).waitFor({ timeout: 10000 });
  await bot.say('Thanks, I have your account open.', 'SG_2', true);
  await a.locator('.caption[data-identity="wt-assistant-e2e"]').filter({ hasText: 'I have your account open' }).waitFor();

  assert.equal(await line.count(), 1, 'a segment updated twice must stay one line');
  assert.equal(await line.locator('.speaker').textContent(), 'Carol Caller');
  assert.equal(await line.evaluate((el) => el.classList.contains('interim')), false);
  assert.equal(await a.locator('.caption').count(), 2);
  assert.equal(await a.locator('.caption[data-identity="wt-assistant-e2e"] .speaker').textContent(), 'Assistant');
  await screenshot(a, 'captions-two-speakers');
  assert.deepEqual(await pageErrors(a), []);
});

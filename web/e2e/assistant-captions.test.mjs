// Captions in Agent A's console for what the caller's page says, from the real call assistant (the
// bot worker BrowserTransferTest starts, local engines: pocketsphinx limited to the call-centre
// vocabulary). The caller's fake microphone is an espeak-ng sentence made of that vocabulary's words.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTEFACTS, DESKTOP, PHONE, closeAll, joinByForm, launch, openPage, pageErrors, screenshot, toneWav } from './support.mjs';

const R = `e2e-assistant-${Date.now()}`;
const CALLER = 'caller-carol';
const SENTENCE = 'I was charged twice on my card last month.';
// Stems: the recognizer may hear "charge" for "charged".
const WORDS = ['charge', 'twice', 'card', 'last', 'month'];
let agentBrowser, callerBrowser, a, c;

/** The sentence as 48 kHz 16-bit mono, then 3 s of silence so each loop is one utterance. */
function sentenceWav() {
  const raw = join(ARTEFACTS, 'caller-sentence-raw.wav');
  const wav = join(ARTEFACTS, 'caller-sentence.wav');
  if (!existsSync(wav)) {
    execFileSync('espeak-ng', ['-v', 'en-us', '-s', '150', '-w', raw, SENTENCE]);
    execFileSync('sox', [raw, '-r', '48000', '-b', '16', '-c', '1', wav, 'pad', '0.5', '3']);
  }
  return wav;
}

before(async () => {
  // Agent A's microphone is silent (a 0 Hz "tone"): only the caller speaks.
  [agentBrowser, callerBrowser] = await Promise.all([launch(toneWav(0)), launch(sentenceWav())]);
  a = await openPage(agentBrowser, { viewport: DESKTOP });
  c = await openPage(callerBrowser, { viewport: PHONE });
});
after(async () => { await closeAll(agentBrowser, callerBrowser); });

test("the call assistant's captions of the caller's speech appear in Agent A's console", async () => {
  await joinByForm(a, 'agent-alice', R, 'Agent');
  await a.getByText(`In call ${R}`).waitFor({ timeout: 20000 });
  await joinByForm(c, CALLER, R, 'Caller');
  await c.getByText(/^You are talking to /).waitFor({ timeout: 20000 });
  await a.locator('.peer[data-identity^="wt-assistant-"]').waitFor({ timeout: 120000 });
  const line = a.locator(`.caption[data-identity="${CALLER}"]`);
  // Final captions of the caller: the sentence repeats (the fake microphone loops), so wait for one
  // holding most of its words.
  const until = Date.now() + 90000;
  let best = [];
  let texts = [];
  while (Date.now() < until && best.length < 3) {
    texts = await line.locator('.text').allInnerTexts().catch(() => []);
    if (!texts.length) texts = await line.allInnerTexts();
    for (const t of texts) {
      const found = WORDS.filter((w) => t.toLowerCase().includes(w));
      if (found.length > best.length) best = found;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await screenshot(a, 'alice-captions-of-caller');
  assert.ok(best.length >= 3, `captions of the caller hold ${best.join(', ') || 'none'} of ${WORDS.join(', ')}: ${JSON.stringify(texts)}`);
  assert.equal(await line.first().locator('.speaker').textContent(), CALLER);
  // Agent A said nothing, so nothing is captioned as A.
  assert.equal(await a.locator('.caption[data-identity="agent-alice"]').count(), 0);
  console.log(`caller captions: ${JSON.stringify(texts)}`);
  assert.deepEqual(await pageErrors(a), []);
  assert.deepEqual(await pageErrors(c), []);
});

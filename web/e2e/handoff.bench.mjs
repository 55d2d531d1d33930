// The Chromium benchmark of the hand-over (./warm-transfer bench browser): the three-tab demo run
// WT_BENCH_RUNS times (default 10) against the real service, LiveKit and bot worker. Measured in the
// pages, on the wall clock all browser processes share (ears.mjs):
// - join→briefing: B's "Join handoff" click to the first block of the briefer's voice above RMS 0.01
//   in B's page (the click stamped in the capture phase, audio in 5.8 ms blocks);
// - caller silence: the longest stretch in which the caller's page heard nothing (RMS ≤ 0.005 from
//   any remote track) between B's "Accept" click and B's voice at the caller.
import { test } from 'node:test';
import { clickedAt, awaitHeard, forget, longestSilence, pageNow } from './ears.mjs';
import {
  BOB, BOB_HZ, closeAll, incoming, initiate, micOn, openConsole, openDemo, startCall, NOTES,
} from './demo.mjs';
import { toneShare } from './ears.mjs';

const RUNS = Number(process.env.WT_BENCH_RUNS ?? 10);

function percentile(values, p) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

test(`hand-over in Chromium, ${RUNS} runs`, { timeout: RUNS * 120000 }, async () => {
  const demo = await openDemo();
  const { a, b, c } = demo;
  const rows = [];
  try {
    await openConsole(b, 'bob');
    for (let i = 1; i <= RUNS; i++) {
      const room = `bench-${Date.now()}-${i}`;
      await micOn(b, false); // B listens to the briefing quietly, as a person would
      await startCall(demo, room, `caller-${i}`);
      await awaitHeard(c, await pageNow(c), (h) => h['agent-alice']?.loudMs > 500, 30, 'Agent A at the caller');
      await initiate(a, NOTES);
      await c.getByText('On hold — connecting you with a specialist').waitFor({ timeout: 20000 });
      const card = incoming(b, room);
      await card.getByRole('button', { name: 'Join handoff' }).click();
      const join = await clickedAt(b, 'Join handoff');
      // Each run has its own briefer; earlier runs' keep their (emptied) entries.
      const thisBriefer = ([id, x]) => id.startsWith('wt-briefer-') && x.loudMs > 300;
      const atB = await awaitHeard(b, join, (h) => Object.entries(h).some(thisBriefer), 60, 'the briefing at B');
      const briefing = Object.entries(atB).find(thisBriefer)[1].first - join;
      // Let the briefing play a while, as B would, then take the call.
      await new Promise((r) => setTimeout(r, 2000));
      await micOn(b, true);
      await card.getByRole('button', { name: 'Accept' }).click();
      const accept = await clickedAt(b, 'Accept');
      const atCaller = await awaitHeard(c, accept,
        (h) => h[BOB]?.loudMs > 300 && toneShare(h[BOB], BOB_HZ) > 0.8, 30, 'Agent B at the caller');
      const silence = await longestSilence(c, accept, atCaller[BOB].first);
      rows.push({ run: i, briefing, silence: silence.ms, acceptToB: atCaller[BOB].first - accept });
      console.log(`run ${i}: join→briefing ${briefing.toFixed(0)} ms, caller silence ${silence.ms.toFixed(0)} ms, accept→B at caller ${(atCaller[BOB].first - accept).toFixed(0)} ms`);
      await a.getByText('Transfer completed').first().waitFor({ timeout: 20000 }).catch(() => undefined);
      await b.getByRole('button', { name: 'Leave call' }).click();
      const now = await pageNow(b);
      await Promise.all([forget(a, now), forget(b, now), forget(c, now)]);
    }
  } finally {
    await closeAll(...demo.browsers);
  }
  const col = (k) => rows.map((r) => r[k]);
  const line = (name, k) => `| ${name.padEnd(44)} | ${String(Math.round(percentile(col(k), 50))).padStart(7)} | ${String(Math.round(percentile(col(k), 95))).padStart(7)} | ${String(Math.round(Math.min(...col(k)))).padStart(7)} | ${String(Math.round(Math.max(...col(k)))).padStart(7)} |`;
  console.log(`\nBrowser hand-over, Chromium, ${rows.length} runs (ms; p95 by nearest rank)`);
  console.log(`| ${'measure'.padEnd(44)} |     p50 |     p95 |     min |     max |`);
  console.log(`|${'-'.repeat(46)}|---------|---------|---------|---------|`);
  console.log(line('B: "Join handoff" click → first briefing frame', 'briefing'));
  console.log(line('caller: longest silence, Accept → B heard', 'silence'));
  console.log(line('caller: Accept click → first frame of B', 'acceptToB'));
});

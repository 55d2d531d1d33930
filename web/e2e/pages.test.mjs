// Pages render at phone and desktop sizes with the seed's labels, work by keyboard, log no errors.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, DESKTOP, PHONE, closeAll, horizontalOverflow, joinByForm, launch, openPage, pageErrors, screenshot, toneWav } from './support.mjs';

let browser;
before(async () => { browser = await launch(toneWav(440)); });
after(async () => { await closeAll(browser); });

/** Every form control and button has an accessible name (a label, aria-label or text). */
async function unlabelled(page) {
  return page.evaluate(() => Array.from(document.querySelectorAll('input, select, textarea, button, a'))
    .filter((el) => !(el.closest('[hidden]')))
    .filter((el) => {
      const labels = 'labels' in el && el.labels ? el.labels.length : 0;
      return !labels && !el.getAttribute('aria-label') && !el.textContent.trim();
    })
    .map((el) => el.outerHTML.slice(0, 80)));
}

// The demo agents that exist once sign-in is on the server: alice on the phone, bob on the desktop.
for (const [size, viewport, agent] of [['phone', PHONE, 'agent-alice'], ['desktop', DESKTOP, 'agent-bob']]) {
  test(`home page at ${size} size: Call us, the agent console and the seed's demo form`, async () => {
    const page = await openPage(browser, { viewport });
    await page.goto(BASE + '/');
    await page.getByRole('heading', { name: 'Warm Transfer' }).waitFor();
    for (const label of ['Identity', 'Room', 'Role']) await page.getByLabel(label, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Join Room' }).waitFor();
    await page.getByRole('link', { name: 'Call us' }).first().waitFor();
    await screenshot(page, `home-${size}`);
    assert.ok(await horizontalOverflow(page) <= 0, 'the page scrolls sideways');
    assert.deepEqual(await unlabelled(page), []);
    assert.deepEqual(await pageErrors(page), []);
    await page.context().close();
  });

  test(`agent call view at ${size} size: the transfer panel keeps the seed's labels`, async () => {
    const page = await openPage(browser, { viewport });
    await joinByForm(page, agent, `labels-${size}`, 'Agent');
    await page.getByText(`In call labels-${size}`).waitFor({ timeout: 20000 });
    for (const label of ['Agent B Identity', 'Caller Identity', 'Call Notes']) await page.getByLabel(label).waitFor();
    await page.getByRole('button', { name: 'Initiate Warm Transfer' }).waitFor();
    await page.getByRole('heading', { name: 'Live captions' }).waitFor();
    await page.getByRole('button', { name: 'Mute' }).waitFor();
    await screenshot(page, `agent-call-${size}`);
    assert.ok(await horizontalOverflow(page) <= 0, 'the page scrolls sideways');
    assert.deepEqual(await unlabelled(page), []);
    // An empty Agent B is refused in words, with the focus where the fix goes.
    await page.getByRole('button', { name: 'Initiate Warm Transfer' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), await page.getByLabel('Agent B Identity').getAttribute('id'));
    await screenshot(page, `agent-call-${size}-validation`);
    await page.getByRole('button', { name: 'Leave call' }).click();
    await page.getByText(/Left call/).waitFor();
    assert.deepEqual(await pageErrors(page), []);
    await page.context().close();
  });
}

test('the demo form works by keyboard alone: Tab to each field, Enter joins', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(BASE + '/');
  await page.getByLabel('Identity').waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.closest('.field')?.querySelector('label')?.textContent
    ?? document.activeElement?.textContent?.trim());
  let tabs = 0;
  while ((await focused()) !== 'Identity') {
    await page.keyboard.press('Tab');
    assert.ok(++tabs < 15, 'Identity is not reachable with Tab');
  }
  await page.keyboard.type('caller-kbd');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Room');
  await page.keyboard.type('keyboard-room');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Role');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Join Room');
  // A visible focus ring on the focused button.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await screenshot(page, 'keyboard-focus-join');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Your call' }).waitFor({ timeout: 20000 });
  await page.getByText('Waiting for an agent to answer…').waitFor({ timeout: 20000 });
  await screenshot(page, 'keyboard-caller-joined');
  // Hang up is focused once connected, so Enter ends the call.
  await page.keyboard.press('Enter');
  await page.getByText(/Call ended/).waitFor();
  await screenshot(page, 'keyboard-caller-ended');
  assert.deepEqual(await pageErrors(page), []);
  await page.context().close();
});

test('an empty demo form says what is missing and puts the focus there', async () => {
  const page = await openPage(browser, { viewport: DESKTOP });
  await page.goto(BASE + '/');
  await page.getByLabel('Identity').waitFor();
  // Native validation would stop the submit silently in some browsers; ours names the field.
  await page.evaluate(() => document.querySelectorAll('[required]').forEach((e) => e.removeAttribute('required')));
  await page.getByRole('button', { name: 'Join Room' }).click();
  await page.getByRole('alert').filter({ hasText: 'Enter an Identity' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), await page.getByLabel('Identity').getAttribute('id'));
  await screenshot(page, 'home-validation');
  await page.context().close();
});

test('the caller start page and the agent console render, and say what to do when a feature is missing', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(BASE + '/call');
  const call = page.getByRole('button', { name: 'Call us' });
  await call.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Call us');
  await screenshot(page, 'caller-start-phone');
  assert.ok(await horizontalOverflow(page) <= 0);
  // A call link (POST /call-links answers `/#call=<signed>`) opens the caller page for that link.
  await page.goto(BASE + '/#call=signed.link.value');
  await page.getByRole('heading', { name: 'You have a call link' }).waitFor();
  await page.getByRole('button', { name: 'Call us' }).waitFor();
  await screenshot(page, 'caller-call-link-phone');
  await page.goto(BASE + '/agent');
  // With sign-in on the server: the form; without it: a sentence saying what to use instead.
  await page.getByRole('heading', { name: /Agent sign-in|Agent console/ }).waitFor();
  const signIn = await page.getByLabel('Username').count();
  if (!signIn) await page.getByRole('alert').filter({ hasText: 'demo form' }).waitFor();
  await screenshot(page, 'agent-console-entry');
  await page.context().close();
});

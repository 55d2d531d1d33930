// The caller's page: "Call us" (or a call link), who they talk to, hold, mute, hang up, and the seed's
// "move caller" (the service sends a token for another room; the page follows it).
import { type JoinInfo, startCall } from './api';
import { CallSession, type PeerView, connectError } from './call';
import { FINAL_STATES, HOLD_STATES, type Move, type TransferEvent } from './messages';
import { ErrorBox, h, mount, statusLine } from './ui';
import { ParticipantList, muteButton } from './views';

export function callerStart(link?: string): void {
  const errors = new ErrorBox();
  const button = h('button', { type: 'button', class: 'primary big' }, 'Call us');
  button.addEventListener('click', async () => {
    errors.clear();
    button.disabled = true;
    button.textContent = 'Calling…';
    try {
      const join = await startCall(link);
      await callerCall(join);
    } catch (e) {
      errors.show(e instanceof Error ? e.message : String(e));
      button.disabled = false;
      button.textContent = 'Call us';
    }
  });
  mount(
    h('section', { class: 'card narrow caller-start' },
      h('h1', {}, link ? 'You have a call link' : 'Talk to us'),
      h('p', {}, 'We will connect you with an agent. Your browser will ask to use your microphone.'),
      button,
      errors.el),
  );
  button.focus();
}

/** The call itself; also used by the demo form's Caller role with a seed /token. */
export async function callerCall(join: JoinInfo): Promise<void> {
  const status = statusLine('status strong');
  const notice = statusLine('notice');
  const hold = h('div', { class: 'hold', hidden: true, role: 'status' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    'On hold — connecting you with a specialist');
  const errors = new ErrorBox();
  const peers = new ParticipantList();
  let onHold = false;
  let current: CallSession;

  const describe = (list: PeerView[]) => {
    if (onHold) return;
    const others = list.filter((p) => !p.isLocal && !p.isBot);
    status.textContent = others.length
      ? `You are talking to ${others.map((p) => p.name).join(' and ')}`
      : 'Waiting for an agent to answer…';
  };

  const listener = {
    participants: (list: PeerView[]) => {
      peers.render(list);
      describe(list);
    },
    joined: (p: PeerView) => {
      if (!p.isBot) notice.textContent = `${p.name} joined the call`;
    },
    left: (p: PeerView) => {
      if (!p.isBot) notice.textContent = `${p.name} left the call`;
    },
    transfer: (t: TransferEvent) => {
      onHold = HOLD_STATES.has(t.state);
      hold.hidden = !onHold;
      if (onHold) status.textContent = '';
      if (t.state === 'accepted' || t.state === 'completed') notice.textContent = `${t.agentB} is taking your call`;
      if (FINAL_STATES.has(t.state) && t.state !== 'completed') notice.textContent = `You are back with ${t.agentA}`;
      describe(current.peers());
    },
    move: (m: Move) => void follow(m),
    connection: (s: string, reason?: string) => {
      if (s === 'connecting') status.textContent = 'Connecting…';
      if (s === 'reconnecting') status.textContent = 'Reconnecting…';
      if (s === 'disconnected' && !moving) ended(reason ?? 'the call ended');
    },
  };

  let moving = false;
  const follow = async (m: Move) => {
    // The seed's "move caller": leave this room and join the one the service named.
    moving = true;
    const wasMuted = current.muted;
    await current.leave();
    current = new CallSession(listener);
    try {
      await current.connect(m.wsUrl, m.token);
      if (wasMuted) await current.setMuted(true);
      onHold = false;
      hold.hidden = true;
      notice.textContent = 'You were moved to your new agent';
      roomLine.textContent = `Call ${m.room}`;
    } catch (e) {
      errors.show(connectError(e));
    } finally {
      moving = false;
    }
  };

  const hangUp = h('button', { type: 'button', class: 'danger' }, 'Hang up');
  const mute = muteButton((m) => current.setMuted(m));
  const roomLine = h('p', { class: 'hint' }, `Call ${join.room}`);
  const controls = h('div', { class: 'controls' }, mute, hangUp);

  const ended = (reason: string) => {
    hold.hidden = true;
    controls.replaceChildren(h('a', { href: '/call', class: 'button primary' }, 'Call again'));
    status.textContent = `Call ended: ${reason}.`;
  };
  hangUp.addEventListener('click', async () => {
    await current.leave();
  });

  mount(
    h('section', { class: 'card narrow caller-call', 'aria-labelledby': 'call-h' },
      h('h1', { id: 'call-h' }, 'Your call'),
      status, hold, notice, roomLine, peers.el, controls, errors.el),
  );
  current = new CallSession(listener);
  try {
    await current.connect(join.wsUrl, join.token);
    hangUp.focus();
  } catch (e) {
    errors.show(connectError(e));
    ended('could not connect');
  }
}

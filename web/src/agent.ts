// The agent console: sign in, waiting calls to take, the call view, incoming transfers (Agent B).
import { ApiError, type JoinInfo, type Me, getMe, login, logout, seedToken, takeCall, waitingCalls } from './api';
import { type Agent, type TransferSink, agentCall } from './agent-call';
import { IncomingTransfer } from './handoff';
import { FINAL_STATES, type TransferEvent } from './messages';
import { EventFeed } from './sse';
import { ErrorBox, field, formatTime, h, mount, statusLine } from './ui';

/** Resolves with the signed-in agent, showing the sign-in form first when needed. */
export async function signedIn(title = 'Agent sign-in'): Promise<Me> {
  try {
    return await getMe();
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 401 && e.status !== 403)) throw e;
  }
  return new Promise((resolve) => {
    const username = h('input', { type: 'text', autocomplete: 'username', required: true });
    const password = h('input', { type: 'password', autocomplete: 'current-password', required: true });
    const errors = new ErrorBox();
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
    const form = h('form', { class: 'card narrow', 'aria-labelledby': 'signin-h' },
      h('h1', { id: 'signin-h' }, title),
      field('Username', username), field('Password', password), submit, errors.el);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      errors.clear();
      submit.disabled = true;
      try {
        await login(username.value.trim(), password.value);
        resolve(await getMe());
      } catch (err) {
        errors.show(err instanceof ApiError && err.status === 401
          ? 'Wrong username or password. Check them and try again.'
          : err instanceof Error ? err.message : String(err));
        submit.disabled = false;
        password.select();
      }
    });
    mount(form);
    username.focus();
  });
}

export async function agentConsole(): Promise<void> {
  let me: Me;
  try {
    me = await signedIn();
  } catch (e) {
    const message = e instanceof ApiError && e.status === 404
      ? 'Sign-in is not available on this server: it has no agent accounts. In development, join a room as an Agent with the demo form on the home page.'
      : e instanceof Error ? e.message : String(e);
    mount(h('section', { class: 'card narrow' }, h('h1', {}, 'Agent console'),
      h('p', { class: 'error', role: 'alert' }, message),
      h('a', { href: '/', class: 'button secondary' }, 'Home')));
    return;
  }
  const agent: Agent = { identity: me.identity, name: me.name };
  const feedStatus = statusLine('hint');
  const callArea = h('div', { class: 'call-area' });
  const incomingArea = h('div', { class: 'incoming-area' });
  const waiting = new WaitingCalls((join) => void open(join));
  const signOut = h('button', { type: 'button', class: 'secondary' }, 'Sign out');
  signOut.addEventListener('click', async () => {
    await logout().catch(() => undefined);
    location.assign('/agent');
  });
  mount(
    h('div', { class: 'console' },
      h('div', { class: 'console-head' },
        h('h1', {}, 'Agent console'),
        h('p', {}, `Signed in as ${me.name}${me.team ? ` (${me.team})` : ''}`), signOut, feedStatus),
      h('div', { class: 'console-grid' },
        h('div', { class: 'side' }, waiting.el, incomingArea),
        callArea)),
  );
  let sink: TransferSink | undefined;
  const incoming = new Map<string, IncomingTransfer>();
  const open = async (join: JoinInfo) => {
    sink = await agentCall(agent, join, callArea);
  };
  const onTransfer = (t: TransferEvent) => {
    sink?.(t);
    if (t.agentB !== me.identity) return;
    let card = incoming.get(t.transferId);
    if (!card && !FINAL_STATES.has(t.state) && t.state !== 'accepted') {
      card = new IncomingTransfer(agent, t, (join) => void open(join));
      incoming.set(t.transferId, card);
      incomingArea.prepend(card.el);
    }
    card?.update(t);
  };
  new EventFeed('/events', (event, data) => {
    if (event !== 'transfer') return;
    try {
      onTransfer(JSON.parse(data) as TransferEvent);
    } catch {
      // not a transfer we understand
    }
  }, (_ok, message) => (feedStatus.textContent = message)).start();
  waiting.start();
}

/** Agent in a named room (the seed's /room/<id> and the demo form's Agent role). */
export async function agentInRoom(identity: string | undefined, room: string): Promise<void> {
  let me: Agent;
  let signedInAgent = true;
  try {
    const m = await signedIn();
    me = { identity: m.identity, name: m.name };
  } catch (e) {
    // No sign-in on this server (dev without the auth feature): the typed identity stands.
    if (!(e instanceof ApiError) || e.status !== 404 || !identity) throw e;
    me = { identity, name: identity };
    signedInAgent = false;
  }
  const feedStatus = statusLine('hint');
  const host = h('div', { class: 'call-area' });
  mount(h('div', { class: 'console' }, h('h1', {}, `Agent ${me.name}`), feedStatus, host));
  const tok = await seedToken(me.identity, room, 'agent');
  const sink = await agentCall(me, { room, token: tok.token, wsUrl: tok.wsUrl }, host);
  // The transfer's events reach A here too, also when A's call or the handoff room is gone.
  if (signedInAgent) startFeed(sink, feedStatus);
}

function startFeed(sink: TransferSink, status: HTMLElement): EventFeed {
  return new EventFeed('/events', (event, data) => {
    if (event !== 'transfer') return;
    try {
      sink(JSON.parse(data) as TransferEvent);
    } catch {
      // not a transfer we understand
    }
  }, (_ok, message) => (status.textContent = message)).start();
}

class WaitingCalls {
  readonly el: HTMLElement;
  private readonly list = h('ul', { class: 'waiting', 'aria-label': 'Waiting calls' });
  private readonly errors = new ErrorBox();
  private timer?: number;

  constructor(private readonly onTake: (join: JoinInfo) => void) {
    this.el = h('section', { class: 'card', 'aria-labelledby': 'waiting-h' },
      h('h2', { id: 'waiting-h' }, 'Waiting calls'), this.list, this.errors.el);
  }

  start(): void {
    void this.refresh();
    this.timer = window.setInterval(() => void this.refresh(), 3000);
  }

  private async refresh(): Promise<void> {
    try {
      const { calls } = await waitingCalls();
      this.errors.clear();
      if (!calls.length) {
        this.list.replaceChildren(h('li', { class: 'empty' }, 'No one is waiting.'));
        return;
      }
      this.list.replaceChildren(...calls.map((c) => {
        const take = h('button', { type: 'button', class: 'primary' }, 'Take call');
        take.setAttribute('aria-label', `Take call from ${c.callerIdentity}`);
        take.addEventListener('click', async () => {
          take.disabled = true;
          try {
            this.onTake(await takeCall(c.room));
          } catch (e) {
            this.errors.show(e instanceof Error ? e.message : String(e));
            take.disabled = false;
          }
        });
        return h('li', {}, h('span', {}, `${c.callerIdentity} — waiting since ${formatTime(c.createdAt)}`), take);
      }));
    } catch (e) {
      this.errors.show(e instanceof Error ? e.message : String(e));
      if (e instanceof ApiError && e.status === 404 && this.timer) window.clearInterval(this.timer);
    }
  }
}

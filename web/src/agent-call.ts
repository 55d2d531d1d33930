// An agent in a call: participants and who speaks, captions, mute, leave, and the transfer panel
// (Agent A's side of a warm transfer).
import { type AgentInfo, type JoinInfo, agents, cancelTransfer, moveCaller, startTransfer } from './api';
import { CallSession, type PeerView, connectError } from './call';
import { type Briefing, FINAL_STATES, STATE_LABELS, type TransferEvent } from './messages';
import { Timeline } from './timeline';
import { ErrorBox, field, h, statusLine } from './ui';
import { CaptionList, ParticipantList, briefingCard, muteButton } from './views';

export interface Agent {
  identity: string;
  name: string;
}

/** Transfer events from GET /events reach the open call view through this hook. */
export type TransferSink = (t: TransferEvent) => void;

/** The console's open call: a new one (taken, or accepted from a transfer) replaces it. */
let open: CallSession | undefined;

export async function agentCall(me: Agent, join: JoinInfo, host: HTMLElement): Promise<TransferSink> {
  await open?.leave().catch(() => undefined);
  const status = statusLine();
  const errors = new ErrorBox();
  const peers = new ParticipantList();
  let names = new Map<string, string>();
  const captions = new CaptionList((id) => names.get(id) ?? id);
  // B has the caller: A's part of the call is over, so A's console leaves it (before the service
  // would remove A, which breaks a live client's data channels under it).
  const panel = new TransferPanel(me, join.room, () => captions.text(), () => void call.leave('handed over'));
  const listener = {
    participants: (list: PeerView[]) => {
      peers.render(list);
      names = new Map(list.map((p) => [p.identity, p.name]));
      panel.suggestCaller(list);
    },
    caption: captions.add.bind(captions),
    transfer: (t: TransferEvent) => panel.onTransfer(t),
    connection: (s: string, reason?: string) => {
      status.textContent =
        s === 'connected' ? `In call ${join.room}` : s === 'disconnected' ? `Left call ${join.room}: ${reason}.` : `${s}…`;
    },
  };
  const call = new CallSession(listener);
  open = call;
  const leave = h('button', { type: 'button', class: 'danger' }, 'Leave call');
  leave.addEventListener('click', () => void call.leave());
  host.replaceChildren(
    h('section', { class: 'card call', 'aria-labelledby': 'agent-call-h' },
      h('h2', { id: 'agent-call-h' }, `Call ${join.room}`),
      status, peers.el,
      h('div', { class: 'controls' }, muteButton((m) => call.setMuted(m)), leave),
      errors.el),
    captions.el,
    panel.el,
  );
  try {
    await call.connect(join.wsUrl, join.token);
  } catch (e) {
    errors.show(connectError(e));
  }
  return (t) => panel.onTransfer(t);
}

/** "Agent B Identity", "Caller Identity", "Call Notes", "Initiate Warm Transfer", then the live transfer. */
class TransferPanel {
  readonly el: HTMLElement;
  private readonly agentB = h('input', { type: 'text', list: 'agent-list', autocomplete: 'off', required: true });
  private readonly callerId = h('input', { type: 'text', autocomplete: 'off' });
  private readonly notes = h('textarea', { rows: 3 });
  private readonly mode = h('select', {},
    h('option', { value: 'join-caller' }, 'Caller waits on hold in this call'),
    h('option', { value: 'move-caller' }, 'Move the caller to the handoff room (seed mode)'));
  private readonly start = h('button', { type: 'submit', class: 'primary' }, 'Initiate Warm Transfer');
  private readonly errors = new ErrorBox();
  private readonly live = h('div', { class: 'live-transfer', hidden: true });
  private transferId?: string;
  private handoff?: CallSession;
  private timeline = new Timeline();
  private briefing: HTMLElement = h('div');
  private readonly handoffPeers = new ParticipantList();
  private readonly stateLine = statusLine('status strong');
  private readonly cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel transfer');
  private readonly move = h('button', { type: 'button', class: 'primary' }, 'Move Caller to Agent B');

  constructor(
    private readonly me: Agent,
    private readonly room: string,
    private readonly transcript: () => string,
    private readonly handedOver: () => void,
  ) {
    const list = h('datalist', { id: 'agent-list' });
    void agents()
      .then((r) => list.replaceChildren(...r.agents.filter((a) => a.identity !== me.identity).map(option)))
      .catch(() => undefined);
    const form = h('form', { class: 'transfer-form' },
      field('Agent B Identity', this.agentB, 'The agent (or team queue) who takes the call'),
      list,
      field('Caller Identity', this.callerId),
      field('Call Notes', this.notes, 'What Agent B should know; the assistant adds the call so far'),
      field('Mode', this.mode),
      this.start);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.initiate();
    });
    this.el = h('section', { class: 'card transfer', 'aria-labelledby': 'transfer-h' },
      h('h2', { id: 'transfer-h' }, 'Warm transfer'), form, this.errors.el, this.live);
  }

  suggestCaller(list: PeerView[]): void {
    if (this.callerId.value) return;
    const caller = list.find((p) => !p.isLocal && !p.isBot && !p.isAgent);
    if (caller) this.callerId.value = caller.identity;
  }

  private async initiate(): Promise<void> {
    this.errors.clear();
    const agentB = this.agentB.value.trim();
    if (!agentB) {
      this.errors.show('Enter Agent B Identity: who should take the call.');
      this.agentB.focus();
      return;
    }
    this.start.disabled = true;
    try {
      const t = await startTransfer({
        fromRoom: this.room,
        agentA: this.me.identity,
        agentB,
        callerIdentity: this.callerId.value.trim() || undefined,
        notes: this.notes.value.trim() || undefined,
        transcript: this.transcript() || this.notes.value.trim() || undefined,
        mode: this.mode.value as 'join-caller' | 'move-caller',
      });
      this.transferId = t.transferId;
      this.showLive(t.newRoom, t.summary, this.notes.value.trim());
      this.onTransfer({ ...t, state: (t.state as TransferEvent['state']) ?? 'requested' });
      // Agent A waits for B in the handoff room (the caller is on hold, cut off from A by the service).
      this.handoff = new CallSession({
        briefing: (b: Briefing) => this.briefing.replaceWith((this.briefing = briefingCard(b))),
        transfer: (e) => this.onTransfer(e),
        participants: (ps) => this.handoffPeers.render(ps),
      });
      await this.handoff.connect(t.wsUrl, t.agentAToken);
    } catch (e) {
      this.errors.show(e instanceof Error ? e.message : String(e));
      this.start.disabled = false;
    }
  }

  private showLive(newRoom: string, summary: string, notes: string): void {
    this.timeline = new Timeline();
    this.briefing = briefingCard({ summary, notes });
    this.cancel.onclick = () => void this.act(() => cancelTransfer(this.transferId!));
    this.move.onclick = () =>
      void this.act(() => moveCaller(this.callerId.value.trim(), newRoom));
    this.live.replaceChildren(
      h('h3', {}, `Handoff room ${newRoom}`),
      this.stateLine,
      this.timeline.el,
      this.briefing,
      h('h3', {}, 'In the handoff room'),
      this.handoffPeers.el,
      h('div', { class: 'controls' }, this.move, this.cancel),
    );
    this.live.hidden = false;
  }

  private async act(fn: () => Promise<unknown>): Promise<void> {
    this.errors.clear();
    try {
      await fn();
    } catch (e) {
      this.errors.show(e instanceof Error ? e.message : String(e));
    }
  }

  onTransfer(t: TransferEvent): void {
    if (!this.transferId || t.transferId !== this.transferId) return;
    this.timeline.add(t);
    this.stateLine.textContent = STATE_LABELS[t.state] ?? t.state;
    if (FINAL_STATES.has(t.state)) {
      this.stateLine.textContent = `${STATE_LABELS[t.state] ?? t.state}${t.reason ? `: ${t.reason}` : ''}`;
      this.cancel.disabled = true;
      this.move.disabled = true;
      void this.handoff?.leave();
      this.handoff = undefined;
      this.start.disabled = false; // another transfer may start at once
      if (t.state === 'completed' && t.fromRoom === this.room) this.handedOver();
    }
  }
}

function option(a: AgentInfo): HTMLOptionElement {
  return h('option', { value: a.identity }, `${a.name}${a.team ? ` — ${a.team}` : ''}`);
}


// Agent B's side: an incoming transfer with its briefing, "Join handoff" (the bot speaks the briefing),
// then Accept (take over the caller in the call room) or Decline with a reason.
import {
  type JoinInfo,
  type TransferView,
  acceptTransfer,
  declineTransfer,
  getTransfer,
  seedToken,
} from './api';
import type { Agent } from './agent-call';
import { CallSession, connectError } from './call';
import { type Briefing, FINAL_STATES, STATE_LABELS, TOPIC_DECISION, type TransferEvent } from './messages';
import { Timeline } from './timeline';
import { ErrorBox, field, h, statusLine } from './ui';
import { ParticipantList, briefingCard } from './views';

export class IncomingTransfer {
  readonly el: HTMLElement;
  private readonly errors = new ErrorBox();
  private readonly state = statusLine('status strong');
  private readonly timeline = new Timeline();
  private readonly peers = new ParticipantList();
  private briefing: HTMLElement;
  private readonly join = h('button', { type: 'button', class: 'primary' }, 'Join handoff');
  private readonly accept = h('button', { type: 'button', class: 'primary', disabled: true }, 'Accept');
  private readonly reason = h('input', { type: 'text', autocomplete: 'off' });
  private readonly decline = h('button', { type: 'button', class: 'danger' }, 'Decline');
  private handoff?: CallSession;
  private done = false;

  constructor(
    private readonly me: Agent,
    private readonly t: TransferEvent,
    private readonly onAccepted: (join: JoinInfo) => void,
  ) {
    this.briefing = briefingCard({ summary: 'The briefing arrives when the assistant has prepared it.' });
    this.join.addEventListener('click', () => void this.joinHandoff());
    this.accept.addEventListener('click', () => void this.decide(true));
    this.decline.addEventListener('click', () => void this.decide(false));
    this.el = h('section', { class: 'card incoming', 'aria-labelledby': `in-${t.transferId}` },
      h('h2', { id: `in-${t.transferId}` }, `Incoming transfer from ${t.agentA}`),
      h('p', {}, `Caller ${t.callerIdentity ?? ''} in call ${t.fromRoom}`),
      this.state, this.timeline.el, this.briefing,
      h('h3', {}, 'In the handoff room'), this.peers.el,
      h('div', { class: 'controls' }, this.join, this.accept),
      field('Reason for declining', this.reason, 'Say why, so Agent A can route the caller elsewhere'),
      h('div', { class: 'controls' }, this.decline),
      this.errors.el);
    this.update(t);
    void getTransfer(t.transferId).then((full) => this.details(full)).catch(() => undefined);
  }

  private details(full: TransferView): void {
    if (typeof full.summary === 'string' && full.summary) {
      this.setBriefing({ transferId: full.transferId, summary: full.summary, notes: full.notes });
    }
    for (const e of full.timeline ?? []) this.timeline.add(e);
  }

  private setBriefing(b: Briefing | { summary: string; notes?: string }): void {
    const card = briefingCard(b);
    this.briefing.replaceWith(card);
    this.briefing = card;
  }

  update(t: TransferEvent): void {
    this.timeline.add(t);
    this.state.textContent = `${STATE_LABELS[t.state] ?? t.state}${t.reason ? `: ${t.reason}` : ''}`;
    if (FINAL_STATES.has(t.state) || t.state === 'accepted') this.finish();
  }

  private async joinHandoff(): Promise<void> {
    this.errors.clear();
    this.join.disabled = true;
    try {
      const tok = await seedToken(this.me.identity, this.t.newRoom, 'agent');
      this.handoff = new CallSession({
        briefing: (b) => {
          if (b.transferId === this.t.transferId) this.setBriefing(b);
        },
        transfer: (e) => {
          if (e.transferId === this.t.transferId) this.update(e);
        },
        participants: (ps) => this.peers.render(ps),
      });
      await this.handoff.connect(tok.wsUrl, tok.token);
      this.accept.disabled = false;
      this.accept.focus();
    } catch (e) {
      this.errors.show(e instanceof Error && 'status' in e ? e.message : connectError(e));
      this.join.disabled = false;
    }
  }

  private async decide(accepted: boolean): Promise<void> {
    this.errors.clear();
    const reason = this.reason.value.trim();
    if (!accepted && !reason) {
      this.errors.show('Enter a reason for declining, then press Decline.');
      this.reason.focus();
      return;
    }
    // The briefer stops talking on the decision; the service's answer is what counts.
    const briefers = this.handoff?.peers().filter((p) => p.isBot).map((p) => p.identity);
    void this.handoff?.send(TOPIC_DECISION, { transferId: this.t.transferId, accepted, reason }, briefers).catch(() => undefined);
    try {
      if (accepted) {
        const join = await acceptTransfer(this.t.transferId);
        this.finish();
        this.onAccepted(join);
      } else {
        await declineTransfer(this.t.transferId, reason);
        this.update({ ...this.t, state: 'declined', reason });
      }
    } catch (e) {
      this.errors.show(e instanceof Error ? e.message : String(e));
    }
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.join.disabled = true;
    this.accept.disabled = true;
    this.decline.disabled = true;
    void this.handoff?.leave();
  }
}

// A transfer's live timeline: every phase once, in time order, from SSE events and wt.transfer
// messages. Both sources (and the transfer fetched when a card opens) arrive in any order, so each
// entry goes in by its time, not by when it arrived.
import { STATE_LABELS } from './messages';
import { formatTime, h } from './ui';

export class Timeline {
  readonly el = h('ol', { class: 'timeline', 'aria-label': 'Transfer timeline', 'aria-live': 'polite' });
  private seen = new Set<string>();

  add(t: { state: string; at?: string; reason?: string }): boolean {
    if (this.seen.has(t.state)) return false;
    this.seen.add(t.state);
    const at = t.at ? Date.parse(t.at) : Date.now();
    const li = h('li', { 'data-state': t.state, 'data-at': String(at) },
      h('time', {}, formatTime(t.at ?? at)), ' ',
      STATE_LABELS[t.state] ?? t.state,
      t.reason ? h('span', { class: 'reason' }, ` — ${t.reason}`) : null);
    const later = Array.from(this.el.children).find((e) => Number((e as HTMLElement).dataset.at) > at);
    this.el.insertBefore(li, later ?? null);
    return true;
  }
}

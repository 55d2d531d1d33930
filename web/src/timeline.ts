// A transfer's live timeline: every phase once, in order, from SSE events and wt.transfer messages.
import { STATE_LABELS } from './messages';
import { formatTime, h } from './ui';

export class Timeline {
  readonly el = h('ol', { class: 'timeline', 'aria-label': 'Transfer timeline', 'aria-live': 'polite' });
  private seen = new Set<string>();

  add(t: { state: string; at?: string; reason?: string }): boolean {
    if (this.seen.has(t.state)) return false;
    this.seen.add(t.state);
    this.el.append(
      h('li', { 'data-state': t.state },
        h('time', {}, formatTime(t.at ?? Date.now())), ' ',
        STATE_LABELS[t.state] ?? t.state,
        t.reason ? h('span', { class: 'reason' }, ` — ${t.reason}`) : null),
    );
    return true;
  }
}

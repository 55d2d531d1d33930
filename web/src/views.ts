// Pieces of the call view shared by the caller page and the agent console.
import type { Caption, PeerView } from './call';
import type { Briefing } from './messages';
import { h } from './ui';

/** Participants, with who is speaking now. */
export class ParticipantList {
  readonly el = h('ul', { class: 'peers', 'aria-label': 'Participants' });

  render(peers: PeerView[]): void {
    this.el.replaceChildren(
      ...peers.map((p) =>
        h(
          'li',
          { class: `peer${p.speaking ? ' speaking' : ''}`, 'data-identity': p.identity },
          h('span', { class: 'dot', 'aria-hidden': 'true' }),
          h('span', { class: 'peer-name' }, p.isLocal ? `${p.name} (you)` : p.name),
          p.isBot ? h('span', { class: 'tag' }, 'assistant') : p.isAgent ? h('span', { class: 'tag' }, 'agent') : null,
          p.speaking ? h('span', { class: 'tag speaking-tag' }, 'speaking') : null,
          p.muted ? h('span', { class: 'tag' }, 'muted') : null,
        ),
      ),
    );
  }
}

/** Live captions, one line per speech segment, labelled with the speaker. */
export class CaptionList {
  readonly el: HTMLElement;
  private readonly list = h('ol', { class: 'captions', 'aria-live': 'polite', 'aria-label': 'Live captions' });
  private readonly lines = new Map<string, HTMLLIElement>();
  private readonly empty = h('p', { class: 'hint' }, 'Captions appear here as people speak.');

  constructor(private readonly nameOf: (identity: string) => string) {
    this.el = h('section', { class: 'card', 'aria-labelledby': 'captions-h' },
      h('h2', { id: 'captions-h' }, 'Live captions'),
      this.empty,
      this.list);
  }

  add(c: Caption): void {
    if (!c.text.trim()) return;
    this.empty.hidden = true;
    let li = this.lines.get(c.segmentId);
    if (!li) {
      li = h('li', { class: 'caption', 'data-identity': c.identity },
        h('span', { class: 'speaker' }, this.nameOf(c.identity)), h('span', { class: 'text' }));
      this.lines.set(c.segmentId, li);
      this.list.append(li);
      while (this.list.children.length > 200) this.list.firstElementChild?.remove();
    }
    li.querySelector('.speaker')!.textContent = this.nameOf(c.identity);
    li.querySelector('.text')!.textContent = c.text;
    li.classList.toggle('interim', !c.final);
    li.scrollIntoView?.({ block: 'nearest' });
  }

  text(): string {
    return Array.from(this.list.children)
      .map((li) => `${li.querySelector('.speaker')?.textContent}: ${li.querySelector('.text')?.textContent}`)
      .join('\n');
  }
}

/** The briefing card: what Agent B needs to know. */
export function briefingCard(b: Briefing | { summary: string; notes?: string }): HTMLElement {
  const full = b as Briefing;
  return h(
    'section',
    { class: 'card briefing', 'aria-labelledby': 'briefing-h' },
    h('h2', { id: 'briefing-h' }, 'Briefing'),
    h('p', { class: 'summary' }, b.summary),
    full.reason ? h('p', {}, h('strong', {}, 'Reason: '), full.reason) : null,
    full.facts?.length
      ? h('dl', { class: 'facts' }, ...full.facts.flatMap((f) => [h('dt', {}, f.kind), h('dd', {}, f.value)]))
      : null,
    full.sentiment ? h('p', {}, h('strong', {}, 'Sentiment: '), full.sentiment) : null,
    full.nextStep ? h('p', {}, h('strong', {}, 'Next step: '), full.nextStep) : null,
    b.notes ? h('p', {}, h('strong', {}, 'Agent notes: '), b.notes) : null,
    full.provider ? h('p', { class: 'hint' }, `Prepared by: ${full.provider}`) : null,
  );
}

export function muteButton(onToggle: (muted: boolean) => Promise<void>): HTMLButtonElement {
  const btn = h('button', { type: 'button', class: 'secondary', 'aria-pressed': 'false' }, 'Mute');
  btn.addEventListener('click', async () => {
    const muted = btn.getAttribute('aria-pressed') !== 'true';
    btn.disabled = true;
    try {
      await onToggle(muted);
      btn.setAttribute('aria-pressed', String(muted));
      btn.textContent = muted ? 'Unmute' : 'Mute';
    } finally {
      btn.disabled = false;
    }
  });
  return btn;
}

// Small DOM helpers: the app is plain DOM, so every control is a real, labelled HTML element.

type Attrs = Record<string, string | boolean | number | EventListener | undefined>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v as EventListener);
    } else if (v === true) {
      el.setAttribute(k, '');
    } else {
      el.setAttribute(k, String(v));
    }
  }
  append(el, ...children);
  return el;
}

export function append(el: Element, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

let nextId = 0;

/** A label + input pair; the label's text is the control's accessible name. */
export function field(
  label: string,
  input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): HTMLDivElement {
  const id = input.id || `f${++nextId}`;
  input.id = id;
  const wrap = h('div', { class: 'field' }, h('label', { for: id }, label), input);
  if (hint) {
    const hintId = `${id}-hint`;
    input.setAttribute('aria-describedby', hintId);
    wrap.append(h('p', { class: 'hint', id: hintId }, hint));
  }
  return wrap;
}

/** A status line read out by screen readers when it changes. */
export function statusLine(cls = 'status'): HTMLParagraphElement {
  return h('p', { class: cls, role: 'status', 'aria-live': 'polite' });
}

/** An error box: what happened and what to do. Hidden while empty. */
export class ErrorBox {
  readonly el = h('div', { class: 'error', role: 'alert', hidden: true });

  show(message: string): void {
    this.el.textContent = message;
    this.el.hidden = false;
  }

  clear(): void {
    this.el.textContent = '';
    this.el.hidden = true;
  }
}

export function mount(...children: Child[]): HTMLElement {
  const main = document.getElementById('main')!;
  main.replaceChildren();
  append(main, ...children);
  return main;
}

export function formatTime(iso: string | number | undefined): string {
  if (iso === undefined) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleTimeString();
}

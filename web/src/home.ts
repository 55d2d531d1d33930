// The landing page: "Call us", the agents' way in, and (dev mode only) the seed's demo join form.
import { devMode as isDevMode, seedToken } from './api';
import { agentInRoom } from './agent';
import { callerCall } from './caller';
import { ErrorBox, field, h, mount } from './ui';

export async function home(prefillRoom?: string): Promise<void> {
  const devMode = isDevMode();
  mount(
    h('section', { class: 'card narrow', 'aria-labelledby': 'home-h' },
      h('h1', { id: 'home-h' }, 'Warm Transfer'),
      h('p', {}, 'Customers: press Call us and an agent answers. Agents: sign in to the console.'),
      h('div', { class: 'controls' },
        h('a', { href: '/call', class: 'button primary big' }, 'Call us'),
        h('a', { href: '/agent', class: 'button secondary' }, 'Agent console'))),
    devMode ? joinForm(prefillRoom) : null,
  );
}

/** The seed's form: Identity, Room, Role, "Join Room". Callers get a token for that one room. */
function joinForm(prefillRoom?: string): HTMLElement {
  const identity = h('input', { type: 'text', autocomplete: 'off', required: true, placeholder: 'caller-123' });
  const room = h('input', { type: 'text', autocomplete: 'off', required: true, placeholder: 'support-call-001' });
  if (prefillRoom) room.value = prefillRoom;
  const role = h('select', {}, h('option', { value: 'caller' }, 'Caller'), h('option', { value: 'agent' }, 'Agent'));
  if (prefillRoom) role.value = 'agent';
  const errors = new ErrorBox();
  const join = h('button', { type: 'submit', class: 'primary' }, 'Join Room');
  const form = h('form', { class: 'card narrow demo', 'aria-labelledby': 'demo-h' },
    h('h2', { id: 'demo-h' }, 'Demo: join a room'),
    h('p', { class: 'hint' }, 'Development mode only. Agents sign in first.'),
    field('Identity', identity), field('Room', room), field('Role', role), join, errors.el);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    const id = identity.value.trim();
    const r = room.value.trim();
    if (!id) return fail(errors, identity, 'Enter an Identity, e.g. caller-123.');
    if (!r) return fail(errors, room, 'Enter a Room, e.g. support-call-001.');
    join.disabled = true;
    try {
      if (role.value === 'caller') {
        const tok = await seedToken(id, r, 'caller');
        history.pushState({}, '', `/call?room=${encodeURIComponent(r)}`);
        await callerCall({ room: r, identity: id, token: tok.token, wsUrl: tok.wsUrl });
      } else {
        history.pushState({}, '', `/room/${encodeURIComponent(r)}`);
        await agentInRoom(id, r);
      }
    } catch (e) {
      errors.show(e instanceof Error ? e.message : String(e));
      join.disabled = false;
    }
  });
  return form;
}

function fail(errors: ErrorBox, input: HTMLElement, message: string): void {
  errors.show(message);
  input.focus();
}

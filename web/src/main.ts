// Routes by path: the service answers index.html for each of these.
import './styles.css';
import { agentConsole, agentInRoom } from './agent';
import { callerStart } from './caller';
import { home } from './home';
import { h, mount } from './ui';

async function route(): Promise<void> {
  const path = location.pathname;
  const params = new URLSearchParams(location.search);
  const roomMatch = /^\/room\/([^/]+)$/.exec(path);
  // A call link is `/#call=<signed link>` (a fragment, so the link never reaches a request log).
  const hashLink = /^#call=(.+)$/.exec(location.hash);
  if (hashLink) return callerStart(decodeURIComponent(hashLink[1]));
  if (path === '/call') return callerStart(params.get('link') ?? undefined);
  if (path === '/agent') return agentConsole();
  if (roomMatch) {
    // The seed's Agent A tab: /room/<id> connects the signed-in agent to that room.
    const room = decodeURIComponent(roomMatch[1]);
    return agentInRoom(params.get('identity') ?? undefined, room).catch(() => home(room));
  }
  return home();
}

route().catch((e) => {
  mount(h('section', { class: 'card narrow' }, h('h1', {}, 'Something went wrong'),
    h('p', { class: 'error', role: 'alert' }, `${e instanceof Error ? e.message : e}. Reload the page to try again.`)));
});

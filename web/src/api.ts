// The service's HTTP API (CONTRACT.md). Errors arrive as {error, field} JSON; we turn them into
// sentences that say what happened and what to do.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface JoinInfo {
  room: string;
  token: string;
  wsUrl: string;
  identity?: string;
}

export interface AgentInfo {
  username?: string;
  identity: string;
  name: string;
  team?: string;
}

export interface Me {
  kind: 'agent' | 'api_client';
  identity: string;
  name: string;
  team?: string;
}

export interface TransferView {
  transferId: string;
  state: string;
  fromRoom: string;
  newRoom: string;
  agentA: string;
  agentB: string;
  callerIdentity?: string;
  reason?: string;
  at?: string;
  summary?: string;
  notes?: string;
  timeline?: { state: string; at: string; by?: string; reason?: string }[];
  [k: string]: unknown;
}

export interface TransferStarted extends TransferView {
  summary: string;
  agentAToken: string;
  agentBToken?: string;
  wsUrl: string;
}

export interface WaitingCall {
  room: string;
  callerIdentity: string;
  createdAt: string;
}


export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'Cannot reach the Warm Transfer service. Check your network connection and try again.');
  }
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json ?? {}) as { error?: string; field?: string };
    throw new ApiError(res.status, explain(res.status, err.error, err.field), err.field);
  }
  return json as T;
}

function explain(status: number, error?: string, field?: string): string {
  const what = error ? `${error}${field && field !== 'body' ? ` (${field})` : ''}` : `HTTP ${status}`;
  switch (status) {
    case 401:
      return `You are not signed in, or your session ended: ${what}. Sign in again.`;
    case 403:
      return `You are not allowed to do this: ${what}. Ask an administrator for the right.`;
    case 404:
      return `Not found: ${what}. It may have ended already; refresh the page.`;
    case 409:
      return `That is no longer possible: ${what}. Refresh to see the current state.`;
    case 429:
      return `Too many attempts: ${what}. Wait a moment and try again.`;
    case 503:
      return `The service cannot reach the call server right now: ${what}. Try again in a few seconds.`;
    default:
      if (status >= 500) return `The service failed (${what}). Try again; if it keeps failing, tell support.`;
      return `${what[0]?.toUpperCase() ?? ''}${what.slice(1)}. Correct it and try again.`;
  }
}

export const getMe = () => api<Me>('GET', '/me');
export const login = (username: string, password: string) =>
  api<{ agent: AgentInfo; token: string }>('POST', '/login', { username, password });
export const logout = () => api<void>('POST', '/logout');
export const startCall = (link?: string) =>
  api<JoinInfo>('POST', '/calls', link ? { link } : {});
export const waitingCalls = () => api<{ calls: WaitingCall[] }>('GET', '/calls?state=waiting');
export const takeCall = (room: string) => api<JoinInfo>('POST', `/calls/${encodeURIComponent(room)}/take`);
export const agents = () => api<{ agents: AgentInfo[] }>('GET', '/agents');
export const seedToken = (identity: string, room: string, role: 'caller' | 'agent') =>
  api<{ token: string; wsUrl: string }>('POST', '/token', { identity, room, role });
export const startTransfer = (body: {
  fromRoom: string;
  agentA: string;
  agentB: string;
  callerIdentity?: string;
  notes?: string;
  transcript?: string;
  mode?: 'join-caller' | 'move-caller';
}) => api<TransferStarted>('POST', '/transfer', body);
export const getTransfer = (id: string) => api<TransferView>('GET', `/transfers/${encodeURIComponent(id)}`);
export const acceptTransfer = (id: string) =>
  api<JoinInfo>('POST', `/transfers/${encodeURIComponent(id)}/accept`);
export const declineTransfer = (id: string, reason: string) =>
  api<TransferView>('POST', `/transfers/${encodeURIComponent(id)}/decline`, { reason });
export const cancelTransfer = (id: string) =>
  api<TransferView>('POST', `/transfers/${encodeURIComponent(id)}/cancel`);
export const moveCaller = (callerIdentity: string, newRoom: string) =>
  api<{ token: string; wsUrl: string }>('POST', '/move-caller', { callerIdentity, newRoom });
/** Dev mode (the demo join form) is written into the page by the service: no extra request. */
export const devMode = (): boolean =>
  document.querySelector('meta[name="wt-dev-mode"]')?.getAttribute('content') === 'true';

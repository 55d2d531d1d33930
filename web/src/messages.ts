// Data messages the service and the bots send into rooms (CONTRACT.md, "Browser-visible data messages").

export const TOPIC_TRANSFER = 'wt.transfer';
export const TOPIC_BRIEFING = 'wt.briefing';
export const TOPIC_DECISION = 'wt.decision';
export const TOPIC_MOVE = 'wt.move';
export const TOPIC_CAPTIONS = 'lk.transcription';

export type TransferState =
  | 'requested'
  | 'caller_on_hold'
  | 'agent_b_joined'
  | 'briefed'
  | 'accepted'
  | 'completed'
  | 'declined'
  | 'timed_out'
  | 'canceled'
  | 'caller_left'
  | 'failed';

export interface TransferEvent {
  transferId: string;
  state: TransferState;
  fromRoom: string;
  newRoom: string;
  agentA: string;
  agentB: string;
  callerIdentity?: string;
  reason?: string;
  at?: string;
}

export interface Briefing {
  transferId: string;
  summary: string;
  spoken?: string;
  reason?: string;
  facts?: { kind: string; value: string }[];
  sentiment?: string;
  nextStep?: string;
  provider?: string;
  notes?: string;
}

export interface Move {
  room: string;
  token: string;
  wsUrl: string;
}

/** The caller waits on hold in these phases. */
export const HOLD_STATES: ReadonlySet<string> = new Set(['requested', 'caller_on_hold', 'agent_b_joined', 'briefed']);
/** The transfer is over in these phases. */
export const FINAL_STATES: ReadonlySet<string> = new Set([
  'completed', 'declined', 'timed_out', 'canceled', 'caller_left', 'failed',
]);

export const STATE_LABELS: Record<string, string> = {
  requested: 'Transfer requested',
  caller_on_hold: 'Caller on hold',
  agent_b_joined: 'Agent B joined the handoff',
  briefed: 'Agent B briefed',
  accepted: 'Agent B accepted',
  completed: 'Transfer completed',
  declined: 'Agent B declined',
  timed_out: 'Agent B did not join in time',
  canceled: 'Transfer canceled',
  caller_left: 'The caller hung up',
  failed: 'Transfer failed',
};

export function parseJson<T>(payload: Uint8Array): T | undefined {
  try {
    return JSON.parse(new TextDecoder().decode(payload)) as T;
  } catch {
    return undefined;
  }
}

// One LiveKit connection as the app uses it: microphone, remote audio, who speaks, captions and the
// data messages of CONTRACT.md. Pages listen to it; they never touch livekit-client directly.
import {
  ConnectionState,
  DisconnectReason,
  type Participant,
  ParticipantKind,
  type RemoteParticipant,
  type RemoteTrack,
  Room,
  RoomEvent,
  Track,
} from 'livekit-client';
import {
  type Briefing,
  type Move,
  TOPIC_BRIEFING,
  TOPIC_CAPTIONS,
  TOPIC_MOVE,
  TOPIC_TRANSFER,
  type TransferEvent,
  parseJson,
} from './messages';

export interface PeerView {
  identity: string;
  name: string;
  isLocal: boolean;
  isBot: boolean;
  isAgent: boolean;
  speaking: boolean;
  muted: boolean;
}

export interface Caption {
  segmentId: string;
  identity: string;
  text: string;
  final: boolean;
}

/** Everything a page may want to hear about; all optional. */
export interface CallListener {
  participants?(peers: PeerView[]): void;
  joined?(peer: PeerView): void;
  left?(peer: PeerView): void;
  transfer?(event: TransferEvent): void;
  briefing?(briefing: Briefing): void;
  move?(move: Move): void;
  caption?(caption: Caption): void;
  connection?(state: 'connecting' | 'connected' | 'reconnecting' | 'disconnected', reason?: string): void;
}

export class CallSession {
  readonly room: Room;
  private speaking = new Set<string>();
  private ended: string | undefined;

  constructor(
    private readonly listener: CallListener,
    private readonly audioHost: HTMLElement = document.getElementById('remote-audio')!,
  ) {
    this.room = new Room({ adaptiveStream: false, dynacast: false });
    this.wire();
  }

  get name(): string {
    return this.room.name;
  }

  get identity(): string {
    return this.room.localParticipant.identity;
  }

  async connect(wsUrl: string, token: string, publishMic = true): Promise<void> {
    this.listener.connection?.('connecting');
    await this.room.connect(wsUrl, token);
    if (publishMic) {
      // Voice calls: the browser's processing stays on (echo cancellation matters with speakers).
      await this.room.localParticipant.setMicrophoneEnabled(true);
    }
    this.emitParticipants();
  }

  get muted(): boolean {
    return !this.room.localParticipant.isMicrophoneEnabled;
  }

  async setMuted(muted: boolean): Promise<void> {
    await this.room.localParticipant.setMicrophoneEnabled(!muted);
    this.emitParticipants();
  }

  async send(topic: string, body: unknown, to?: string[]): Promise<void> {
    const bytes = new TextEncoder().encode(JSON.stringify(body));
    await this.room.localParticipant.publishData(bytes, { reliable: true, topic, destinationIdentities: to });
  }

  /** @param why what the status line says of it ("you left" by default) */
  async leave(why = 'you left'): Promise<void> {
    this.ended = why;
    await this.room.disconnect();
    for (const el of Array.from(this.audioHost.querySelectorAll(`[data-room="${CSS.escape(this.room.name)}"]`))) {
      el.remove();
    }
  }

  peers(): PeerView[] {
    const list: PeerView[] = [view(this.room.localParticipant, true, this.speaking)];
    for (const p of this.room.remoteParticipants.values()) list.push(view(p, false, this.speaking));
    return list;
  }

  private emitParticipants(): void {
    this.listener.participants?.(this.peers());
  }

  private wire(): void {
    const room = this.room;
    room
      .on(RoomEvent.ParticipantConnected, (p: RemoteParticipant) => {
        this.listener.joined?.(view(p, false, this.speaking));
        this.emitParticipants();
      })
      .on(RoomEvent.ParticipantDisconnected, (p: RemoteParticipant) => {
        this.listener.left?.(view(p, false, this.speaking));
        this.emitParticipants();
      })
      .on(RoomEvent.TrackSubscribed, (track: RemoteTrack, _pub, p: RemoteParticipant) => {
        if (track.kind !== Track.Kind.Audio) return;
        // Remote audio plays through an element (WebAudio alone stays silent without one).
        const el = track.attach();
        el.dataset.identity = p.identity;
        el.dataset.room = room.name;
        this.audioHost.append(el);
        this.emitParticipants();
      })
      .on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack) => {
        for (const el of track.detach()) el.remove();
      })
      .on(RoomEvent.TrackMuted, () => this.emitParticipants())
      .on(RoomEvent.TrackUnmuted, () => this.emitParticipants())
      .on(RoomEvent.ParticipantAttributesChanged, () => this.emitParticipants())
      .on(RoomEvent.ActiveSpeakersChanged, (speakers: Participant[]) => {
        this.speaking = new Set(speakers.map((s) => s.identity));
        this.emitParticipants();
      })
      .on(RoomEvent.DataReceived, (payload: Uint8Array, _p, _kind, topic?: string) => {
        if (topic === TOPIC_TRANSFER) {
          const t = parseJson<TransferEvent>(payload);
          if (t?.transferId && t.state) this.listener.transfer?.(t);
        } else if (topic === TOPIC_BRIEFING) {
          const b = parseJson<Briefing>(payload);
          if (b?.transferId) this.listener.briefing?.(b);
        } else if (topic === TOPIC_MOVE) {
          const m = parseJson<Move>(payload);
          if (m?.room && m.token && m.wsUrl) this.listener.move?.(m);
        }
      })
      .on(RoomEvent.ConnectionStateChanged, (s: ConnectionState) => {
        if (s === ConnectionState.Connected) this.listener.connection?.('connected');
        if (s === ConnectionState.Reconnecting || s === ConnectionState.SignalReconnecting) {
          this.listener.connection?.('reconnecting');
        }
      })
      .on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
        this.listener.connection?.('disconnected', this.ended ?? disconnectText(reason));
      });
    room.registerTextStreamHandler(TOPIC_CAPTIONS, (reader, from) => {
      void this.readCaption(reader, from.identity);
    });
  }

  // Agents' speech comes as one stream of text pieces per segment; a user's speech as a new stream
  // per update holding the whole text so far. Both share lk.segment_id, so a later stream replaces.
  private async readCaption(
    reader: AsyncIterable<string> & { info: { id: string; attributes?: Record<string, string> } },
    identity: string,
  ): Promise<void> {
    const attrs = reader.info.attributes ?? {};
    const segmentId = attrs['lk.segment_id'] ?? reader.info.id;
    let text = '';
    try {
      for await (const chunk of reader) {
        text += chunk;
        this.listener.caption?.({ segmentId, identity, text, final: false });
      }
    } catch {
      // A stream cut short keeps what arrived.
    }
    const final = (reader.info.attributes ?? attrs)['lk.transcription_final'] === 'true';
    this.listener.caption?.({ segmentId, identity, text, final });
  }
}

function view(p: Participant, isLocal: boolean, speaking: Set<string>): PeerView {
  const isBot = p.kind === ParticipantKind.AGENT || p.attributes['role'] === 'bot' || p.identity.startsWith('wt-');
  const isAgent = !isBot && (p.attributes['role'] === 'agent' || p.identity.startsWith('agent'));
  return {
    identity: p.identity,
    name: p.name || (isBot ? 'Assistant' : p.identity),
    isLocal,
    isBot,
    isAgent,
    speaking: speaking.has(p.identity) || p.isSpeaking,
    // Only a published microphone can be muted; a data-only participant is not "muted". A bot's
    // voice is muted at LiveKit whenever it has nothing to say: not a state worth showing.
    muted: !isBot && (p.getTrackPublication(Track.Source.Microphone)?.isMuted ?? false),
  };
}

function disconnectText(reason?: DisconnectReason): string {
  switch (reason) {
    case DisconnectReason.PARTICIPANT_REMOVED:
      return 'you were removed from the call';
    case DisconnectReason.ROOM_DELETED:
      return 'the call ended';
    case DisconnectReason.DUPLICATE_IDENTITY:
      return 'you joined the same call from another tab';
    case DisconnectReason.SIGNAL_CLOSE:
    case DisconnectReason.JOIN_FAILURE:
      return 'the connection to the call server was lost';
    default:
      return 'the call ended';
  }
}

/** The connection error as a sentence with what to do. */
export function connectError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/permission|NotAllowed/i.test(msg)) {
    return 'The browser did not allow the microphone. Allow microphone access for this site and try again.';
  }
  if (/NotFound|device/i.test(msg)) {
    return 'No microphone was found. Connect a microphone and try again.';
  }
  return `Could not connect to the call (${msg}). Check your connection and try again.`;
}

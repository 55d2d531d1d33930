// GET /events (Server-Sent Events) read with fetch: same-origin cookie, and a missing or failing
// endpoint becomes a status line instead of EventSource's endless retries.

export type SseHandler = (event: string, data: string) => void;

export class EventFeed {
  private abort = new AbortController();
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly onEvent: SseHandler,
    private readonly onStatus: (ok: boolean, message: string) => void,
  ) {}

  start(): this {
    void this.loop();
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private async loop(): Promise<void> {
    let delay = 1000;
    while (!this.stopped) {
      try {
        const res = await fetch(this.url, {
          headers: { Accept: 'text/event-stream' },
          credentials: 'same-origin',
          signal: this.abort.signal,
        });
        if (res.status === 404) {
          this.onStatus(false, 'Live transfer updates are not available on this server.');
          return;
        }
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        this.onStatus(true, 'Live updates on');
        delay = 1000;
        await this.read(res.body);
      } catch (e) {
        if (this.stopped) return;
        this.onStatus(false, `Live updates interrupted (${e instanceof Error ? e.message : e}); reconnecting…`);
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 15000);
    }
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buf.search(/\r?\n\r?\n/)) >= 0) {
        const block = buf.slice(0, cut);
        buf = buf.slice(cut).replace(/^\r?\n\r?\n/, '');
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split(/\r?\n/)) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (data.length) this.onEvent(event, data.join('\n'));
      }
    }
  }
}

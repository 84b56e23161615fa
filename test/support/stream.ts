/** One server-sent event of `GET /_sim/stream`. */
export interface StreamEvent {
  event: string;
  data: Record<string, unknown>;
}

/**
 * Reads `GET /_sim/stream` over a real socket, as the inspector does (fetch, key in a header).
 * `next(event, match?)` resolves with the first event of that name (and matching) not taken yet,
 * waiting for it to arrive; `seen` holds every event so far.
 */
export async function openStream(baseUrl: string, headers: Record<string, string>) {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/_sim/stream`, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const seen: StreamEvent[] = [];
  /** Comment lines (`: ping`, `: closing: idle`), without their colon. */
  const comments: string[] = [];
  const taken = new Set<StreamEvent>();
  let wake: () => void = () => {};
  let ended = false;
  const pump = async () => {
    if (!res.ok || !res.body) return;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          for (const comment of block.matchAll(/^: ?(.*)$/gm)) comments.push(comment[1]!);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name && data) seen.push({ event: name, data: JSON.parse(data) as Record<string, unknown> });
          wake();
        }
      }
    } catch {
      // aborted by close()
    } finally {
      ended = true;
      wake();
    }
  };
  const pumping = pump();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    /** The answer's body when it was not a stream (a refusal's problem document). */
    problem: res.ok ? undefined : ((await res.json()) as Record<string, unknown>),
    seen,
    comments,
    async next(event: string, match: (data: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
      for (;;) {
        const found = seen.find((e) => !taken.has(e) && e.event === event && match(e.data));
        if (found) {
          taken.add(found);
          return found.data;
        }
        if (ended) throw new Error(`the stream ended before a "${event}" event; saw ${seen.map((e) => e.event).join(', ')}`);
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    /** Whether the server ended the stream. */
    get ended() {
      return ended;
    },
    /** Resolves once the server has ended the stream. */
    async end(): Promise<void> {
      while (!ended) await new Promise<void>((resolve) => (wake = resolve));
    },
    async close() {
      abort.abort();
      await pumping;
    },
  };
}

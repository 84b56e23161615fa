import type { ServerResponse } from 'node:http';
import type { RingBuffer } from '../util/ring-buffer.js';

/** The tenant logs a stream reads, in the order its backlog sends them. */
export const LOG_NAMES = ['requests', 'deliveries', 'clock'] as const;
export type LogName = (typeof LOG_NAMES)[number];

/** One log as the stream reads it: the ring, the event name of its entries, and how an entry is shown. */
export interface StreamLog {
  ring: RingBuffer<unknown>;
  event: string;
  view(item: unknown): unknown;
}
export type StreamLogs = Record<LogName, StreamLog>;

/** What a stream has still to write: entries of a log by sequence number (`to` excluded), a log emptied, or `ready`. */
type Note = { log: LogName; from: number; to: number } | { cleared: LogName } | { ready: () => unknown };

/**
 * Notes a slow reader may have pending. Entries of one log in a row share one note, so this many
 * is reached only by a reader far behind several logs at once; past it the oldest notes are
 * skipped (their entries counted in the next `resync`).
 */
const MAX_NOTES = 4096;

/**
 * Writes one stream at its reader's pace (docs/decisions/0089): it keeps notes of what is due —
 * sequence numbers, never copies — and reads each entry from its log when the socket has room
 * (less than `bufferBytes` unsent). An entry the log dropped before its turn is skipped; the next
 * entry written is preceded by one `resync` event counting what was skipped, log by log.
 */
export class StreamWriter {
  private notes: Note[] = [];
  private head = 0;
  private dropped: Record<LogName, number> = { requests: 0, deliveries: 0, clock: 0 };
  private missed = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly logs: StreamLogs,
    private readonly bufferBytes: number,
    private readonly onEvent: () => void,
  ) {}

  /** Entries `from`…`to - 1` of `log` are due (the backlog, or one entry just recorded). */
  enqueue(log: LogName, from: number, to: number): void {
    if (from >= to) return;
    const last = this.notes.length > this.head ? this.notes[this.notes.length - 1] : undefined;
    if (last && 'log' in last && last.log === log && last.to === from) last.to = to;
    else this.add({ log, from, to });
    this.pump();
  }

  /** A log was emptied (its pending entries go with it, uncounted: nothing was missed), or the backlog is through. */
  note(note: { cleared: LogName } | { ready: () => unknown }): void {
    if ('cleared' in note) this.notes = this.notes.slice(this.head).filter((n) => !('log' in n) || n.log !== note.cleared);
    if ('cleared' in note) this.head = 0;
    this.add(note);
    this.pump();
  }

  /** Writes what is due while the socket has room; called again on `drain`. */
  pump(): void {
    const { res } = this;
    while (this.head < this.notes.length) {
      if (res.writableEnded || res.destroyed || res.writableLength >= this.bufferBytes) return;
      const note = this.notes[this.head]!;
      if ('ready' in note) {
        this.head++;
        this.write('ready', note.ready());
      } else if ('cleared' in note) {
        this.head++;
        this.write('cleared', { log: note.cleared });
      } else {
        const log = this.logs[note.log];
        if (note.from < log.ring.firstSeq) {
          this.skip(note.log, Math.min(note.to, log.ring.firstSeq) - note.from);
          note.from = log.ring.firstSeq;
        }
        if (note.from >= note.to) {
          this.head++;
          continue;
        }
        const item = log.ring.at(note.from++);
        if (note.from >= note.to) this.head++;
        this.write(log.event, log.view(item));
      }
    }
    this.notes = [];
    this.head = 0;
  }

  private add(note: Note): void {
    this.notes.push(note);
    while (this.notes.length - this.head > MAX_NOTES) {
      const oldest = this.notes[this.head++]!;
      if ('log' in oldest) this.skip(oldest.log, oldest.to - oldest.from);
    }
    if (this.head > 1024 && this.head * 2 > this.notes.length) {
      this.notes = this.notes.slice(this.head);
      this.head = 0;
    }
  }

  private skip(log: LogName, count: number): void {
    this.dropped[log] += count;
    this.missed = true;
  }

  private write(event: string, data: unknown): void {
    if (this.missed) {
      this.missed = false;
      this.res.write(`event: resync\ndata: ${JSON.stringify({ dropped: this.dropped })}\n\n`);
      this.dropped = { requests: 0, deliveries: 0, clock: 0 };
    }
    this.onEvent();
    this.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }
}

import type { RunProgress } from '../simulate/parallel.js';
import { formatDuration } from '../scenario/units.js';

export interface ProgressSink {
  write(text: string): void;
  /** A terminal: one line rewritten in place with a carriage return. Otherwise periodic plain lines. */
  tty: boolean;
  /** Milliseconds, monotonic. */
  now(): number;
}

/** Nothing is shown for runs that finish within this many ms. */
export const PROGRESS_DELAY_MS = 1000;
/** Plain-line interval when stderr is not a terminal. */
export const PLAIN_INTERVAL_MS = 10_000;
const TTY_INTERVAL_MS = 200;

/**
 * Progress of a run on stderr: simulated time, requests, events/s and ETA, summed over the
 * replications. Silent during the first second (short runs print nothing). Call `finish()` at the end.
 */
export class ProgressReporter implements RunProgress {
  private readonly state: { t: number; events: number; arrived: number; done: boolean }[];
  private readonly started: number;
  private last = -Infinity;
  private shown = false;

  constructor(private readonly sink: ProgressSink, replications: number, private readonly horizonS: number) {
    this.state = Array.from({ length: replications }, () => ({ t: 0, events: 0, arrived: 0, done: false }));
    this.started = sink.now();
  }

  update(i: number, simTime: number, events: number, arrived: number, done: boolean): void {
    this.state[i] = { t: simTime, events, arrived, done };
    const now = this.sink.now();
    if (now - this.started < PROGRESS_DELAY_MS) return;
    if (now - this.last < (this.sink.tty ? TTY_INTERVAL_MS : PLAIN_INTERVAL_MS)) return;
    this.last = now;
    this.shown = true;
    const line = this.line(now);
    this.sink.write(this.sink.tty ? `\r${line}\x1b[K` : `${line}\n`);
  }

  /** Ends the progress line (TTY) so the next output starts on a clean line. */
  finish(): void {
    if (this.shown && this.sink.tty) this.sink.write('\r\x1b[K');
  }

  line(now: number): string {
    const n = this.state.length;
    const done = this.state.filter((s) => s.done).length;
    const events = this.state.reduce((a, s) => a + s.events, 0);
    const arrived = this.state.reduce((a, s) => a + s.arrived, 0);
    const elapsed = (now - this.started) / 1000;
    const frac = Number.isFinite(this.horizonS) && this.horizonS > 0
      ? this.state.reduce((a, s) => a + (s.done ? 1 : Math.min(1, s.t / this.horizonS)), 0) / n
      : done / n;
    const eta = frac > 0 && frac < 1 ? formatDuration(Math.round((elapsed * (1 - frac)) / frac)) : '—';
    const simT = Math.max(...this.state.map((s) => s.t));
    const rate = elapsed > 0 ? events / elapsed : 0;
    return `simulated ${formatDuration(Math.round(simT))}${Number.isFinite(this.horizonS) ? ` of ${formatDuration(this.horizonS)}` : ''} · replications ${done}/${n} · ${arrived.toLocaleString('en-US')} requests · ${(rate / 1e6).toFixed(2)} M events/s · ${Math.round(frac * 100)} % · ETA ${eta}`;
  }
}

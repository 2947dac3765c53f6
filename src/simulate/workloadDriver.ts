import type { Scheduler } from '../engine/simulation.js';
import { streamFor } from '../engine/random.js';
import { MAX_REQUEST_TOKENS, type RequestTable } from '../serving/requestTable.js';
import type { ResolvedClass, ResolvedScenario } from '../scenario/resolve.js';
import { releaseDelay } from '../workload/holdCondition.js';
import { SessionTable } from '../workload/sessionTable.js';
import type { ClassStats } from './classStats.js';
import { classRuntime, nextRenewal, type ClassRuntime } from './classRuntime.js';
import { EV_ARRIVAL, EV_SESSION } from './events.js';

/** Tokens per synthetic prefix block (system prompts, session history) for prefix-cache matching. */
export const SYNTHETIC_BLOCK_TOKENS = 256;

/** What the driver needs from the fleet. */
export interface FleetPort {
  /** Sends a new request to a pool; `blocks` holds its prefix block hashes (valid during the call). */
  route(id: number, now: number, blocks: PrefixBlocks): void;
  /** Completes a request without GPU work (exact-response cache hit). */
  completeNow(id: number, now: number): void;
}

/** Scratch list of a request's prefix blocks, reused for every request. */
export interface PrefixBlocks {
  hashes: Float64Array;
  count: number;
  blockTokens: number;
}

/**
 * Generates the traffic of every class: open-loop arrivals (renewal or Markov-modulated Poisson
 * processes thinned by a rate profile, trace replay through a cursor), closed-loop users, sessions with turns and context
 * creep, agent chains with fan-out, and scheduled batch jobs. Only the next arrival of each source
 * is pending in the event queue.
 */
export class WorkloadDriver {
  private readonly rt: ClassRuntime[];
  readonly sessions: SessionTable;
  private readonly blocks: PrefixBlocks = { hashes: new Float64Array(1024), count: 0, blockTokens: SYNTHETIC_BLOCK_TOKENS };
  totalArrived = 0;
  windowArrivals = 0;
  /** Test hook (RunLimits.onArrival): (class, session serial or −1, time, prompt tokens) of every request. */
  arrivalHook: ((ci: number, session: number, time: number, prompt: number) => void) | undefined;

  constructor(
    private readonly s: ResolvedScenario,
    private readonly seed: number,
    private readonly sim: Scheduler,
    private readonly req: RequestTable,
    private readonly stats: ClassStats[],
    private readonly fleet: FleetPort,
  ) {
    const ring = Math.max(1, ...s.classes.map((c) => (c.session && c.session.keepTurns !== Infinity ? c.session.keepTurns : 1)));
    this.sessions = new SessionTable(ring);
    this.rt = s.classes.map((c) => classRuntime(s, c, seed));
  }

  /** Arrival and session events scheduled and not yet handled. */
  pendingEvents = 0;

  /** Schedules one of the driver's events (counted, so the fleet knows when traffic is over). */
  private at(time: number, kind: number, target: number, aux = 0): void {
    this.pendingEvents++;
    this.sim.schedule(time, kind, target, aux);
  }

  /** Whether any arrival or session step is still to come. */
  get hasMore(): boolean {
    return this.pendingEvents > 0;
  }

  /** Schedules the first arrival of every source. */
  start(): void {
    const h = this.s.horizon;
    for (const rt of this.rt) {
      const c = rt.c;
      const a = c.arrival;
      if (rt.remaining <= 0) continue;
      switch (a.process) {
        case 'trace':
          this.nextTrace(rt);
          break;
        case 'closed': {
          // Users start spread over one think time so they do not arrive in lockstep.
          const spread = streamFor(this.seed, `closed-start/${c.name}`);
          for (let u = 0; u < a.users; u++) {
            const sid = this.sessions.alloc();
            this.sessions.cls[sid] = c.index;
            this.sessions.user[sid] = u;
            this.sessions.planned[sid] = 0; // begins a session at its first event
            this.at(a.think * spread(), EV_SESSION, sid);
          }
          break;
        }
        case 'schedule':
          if (a.at <= h) this.at(a.at, EV_ARRIVAL, c.index);
          break;
        default: {
          if (c.rate <= 0) break;
          const t = nextRenewal(rt, 0);
          if (t <= h) this.at(t, EV_ARRIVAL, c.index);
        }
      }
    }
  }

  private nextTrace(rt: ClassRuntime): void {
    const cur = rt.cursor!;
    if (cur.next(rt.rec) && rt.rec.time <= this.s.horizon) this.at(rt.rec.time, EV_ARRIVAL, rt.c.index);
    else cur.close();
  }

  /** EV_ARRIVAL: an open-loop arrival (a request, a session start, or a batch job) of class `ci`. */
  onArrival(ci: number, now: number, aux = 0): void {
    this.pendingEvents--;
    const rt = this.rt[ci];
    const c = rt.c;
    const a = c.arrival;
    if (aux === 0) rt.remaining--; // a held batch job (aux > 0) was counted at submission
    if (a.process === 'trace') {
      const rec = rt.rec;
      const b = this.blocks;
      b.count = 0;
      if (c.prefixCache && rec.hashIds.length > 0) {
        b.blockTokens = rec.blockTokens;
        this.ensureBlocks(rec.hashIds.length);
        for (let i = 0; i < rec.hashIds.length; i++) b.hashes[i] = rec.hashIds[i];
        b.count = rec.hashIds.length;
      }
      this.emit(ci, now, rec.promptTokens, Math.max(1, rec.outputTokens), -1, true);
      this.nextTrace(rt);
      return;
    }
    if (a.process === 'schedule') {
      const submitted = aux > 0 ? aux - 1 : now; // a held job keeps its submission time (aux = submission + 1)
      const st = this.stats[ci];
      if (aux === 0) {
        const next = now + a.every;
        if (rt.remaining > 0 && next <= this.s.horizon) this.at(next, EV_ARRIVAL, ci);
        st.jobsSubmitted++; // at submission: a job still held at the horizon counts as missed
        const release = releaseDelay(now, a.window, a.when);
        if (!release.met) st.jobsHeldNeverMet++;
        if (release.delay > 0) {
          this.at(now + release.delay, EV_ARRIVAL, ci, now + 1);
          return;
        }
      }
      st.jobHoldTime.record(now - submitted);
      const sid = this.sessions.alloc();
      this.sessions.cls[sid] = ci;
      this.sessions.start[sid] = submitted;
      this.sessions.pending[sid] = a.size;
      for (let i = 0; i < a.size; i++) this.emitComposed(rt, sid, now);
      return;
    }
    // Renewal arrivals: schedule the next one first (it takes the consumed event slot).
    if (rt.remaining > 0) {
      const next = nextRenewal(rt, now);
      if (next <= this.s.horizon) this.at(next, EV_ARRIVAL, ci);
    }
    if (c.session || c.agent) this.startSession(rt, now, -1);
    else this.emitComposed(rt, -1, now);
  }

  /** EV_SESSION: a session's next turn/step, or a closed-loop user's next request. */
  onSession(sid: number, now: number): void {
    this.pendingEvents--;
    const ss = this.sessions;
    const rt = this.rt[ss.cls[sid]];
    if (ss.user[sid] >= 0 && ss.planned[sid] === 0) {
      // A closed-loop user begins a new session (or a single request).
      if (rt.remaining <= 0) {
        ss.release(sid);
        return;
      }
      rt.remaining--;
      ss.start[sid] = now;
      ss.done[sid] = 0;
      ss.history[sid] = 0;
      ss.planned[sid] = rt.turns ? rt.turns() : 1;
      this.stats[rt.c.index].sessionsStarted++;
    }
    this.issueStep(rt, sid, now);
  }

  private startSession(rt: ClassRuntime, now: number, user: number): void {
    const ss = this.sessions;
    const sid = ss.alloc();
    ss.cls[sid] = rt.c.index;
    ss.start[sid] = now;
    ss.user[sid] = user;
    ss.planned[sid] = rt.turns!();
    this.stats[rt.c.index].sessionsStarted++;
    this.issueStep(rt, sid, now);
  }

  /** Issues the current turn (one request) or agent step (fan-out requests) of a session. */
  private issueStep(rt: ClassRuntime, sid: number, now: number): void {
    const n = rt.fanout ? rt.fanout() : 1;
    this.sessions.pending[sid] = n;
    this.sessions.stepOutput[sid] = 0;
    for (let i = 0; i < n; i++) this.emitComposed(rt, sid, now);
  }

  /** Composes a prompt (system + retrieval + history + user message) and emits the request. */
  private emitComposed(rt: ClassRuntime, sid: number, now: number): void {
    const c = rt.c;
    const comp = c.composition;
    const user = rt.user();
    const retrieved = rt.chunks ? rt.chunks() * comp.retrieval!.chunkTokens : 0;
    let history = 0;
    let epoch = 0;
    let serial = 0;
    if (sid >= 0 && (c.session || c.agent)) {
      history = this.sessions.history[sid];
      epoch = this.sessions.epoch[sid];
      serial = this.sessions.serial[sid];
      const cap = c.session ? c.session.maxContext : Infinity;
      const over = comp.system + retrieved + history + user - cap;
      if (over > 0) {
        // Cap the prompt: drop the oldest history first (the prefix changes: cached blocks are lost).
        const cut = Math.min(history, over);
        history -= cut;
        this.sessions.history[sid] = history;
        this.sessions.epoch[sid] = ++epoch;
        this.stats[c.index].prunedTokens += cut;
      }
    }
    const prompt = comp.system + history + retrieved + user;
    // An agent step's context grows by each call's own message and retrieved text (and, at completion, its output).
    if (sid >= 0 && c.agent) this.sessions.stepOutput[sid] += user + retrieved;
    this.composeBlocks(c, history, serial, epoch);
    this.emit(c.index, now, prompt, rt.output(), sid, false);
  }

  /** Prefix blocks: the system prompt (shared by the class), then the session history. */
  private composeBlocks(c: ResolvedClass, history: number, serial: number, epoch: number): PrefixBlocks {
    const b = this.blocks;
    b.count = 0;
    b.blockTokens = SYNTHETIC_BLOCK_TOKENS;
    // A context beyond any replica's KV is dropped at routing: it needs no (possibly millions of) blocks.
    if (c.prefixCache && c.composition.system + history <= MAX_REQUEST_TOKENS) {
      const system = c.composition.system;
      const sysBlocks = Math.floor(system / SYNTHETIC_BLOCK_TOKENS);
      const histBlocks = Math.floor((system + history) / SYNTHETIC_BLOCK_TOKENS) - sysBlocks;
      this.ensureBlocks(sysBlocks + histBlocks);
      for (let i = 0; i < sysBlocks; i++) b.hashes[b.count++] = -(1 + c.index) * 1e6 - i;
      // History blocks only match while the prefix is intact (same session, same pruning epoch).
      for (let i = 0; i < histBlocks; i++) b.hashes[b.count++] = -1e9 - serial * 1e6 - epoch * 1e5 - i;
    }
    return b;
  }

  /**
   * The prefix blocks of request `id` again, for a cascade stage that re-routes it, so the next pool's
   * prefix cache sees the same system prompt and session history. They are what they were at
   * composition: a session's history and pruning epoch change only once all of its pending requests
   * are done, and the request is still pending. Trace requests get none (their block hashes are not
   * kept after routing). Valid until the next request is composed.
   */
  prefixBlocksOf(id: number): PrefixBlocks {
    const c = this.rt[this.req.cls[id]].c;
    if (c.arrival.process === 'trace') return this.noBlocks();
    const sid = this.req.session[id];
    const ss = this.sessions;
    return sid >= 0 && (c.session || c.agent) ? this.composeBlocks(c, ss.history[sid], ss.serial[sid], ss.epoch[sid]) : this.composeBlocks(c, 0, 0, 0);
  }

  private noBlocks(): PrefixBlocks {
    this.blocks.count = 0;
    return this.blocks;
  }

  private ensureBlocks(n: number): void {
    if (this.blocks.hashes.length < n) this.blocks.hashes = new Float64Array(Math.max(n, this.blocks.hashes.length * 2));
  }

  private emit(ci: number, now: number, prompt: number, output: number, sid: number, fromTrace: boolean): void {
    const req = this.req;
    const id = req.alloc();
    req.arrival[id] = now;
    req.cls[id] = ci;
    // Token counts live in Int32Arrays; a length past the ceiling (a sampling tail, a runaway agent
    // history) is kept at the ceiling, which no replica holds, so routing drops it as too large.
    req.prompt[id] = prompt < MAX_REQUEST_TOKENS ? prompt : MAX_REQUEST_TOKENS;
    req.output[id] = output < MAX_REQUEST_TOKENS ? output : MAX_REQUEST_TOKENS;
    req.generated[id] = 0;
    req.cached[id] = 0;
    req.session[id] = sid;
    req.firstToken[id] = NaN;
    req.admitted[id] = NaN;
    const counted = now >= this.s.warmup ? 1 : 0;
    req.counted[id] = counted;
    if (this.arrivalHook !== undefined) this.arrivalHook(ci, sid >= 0 ? this.sessions.serial[sid] : -1, now, prompt);
    const st = this.stats[ci];
    st.arrivedAll++;
    this.totalArrived++;
    this.windowArrivals++;
    if (counted === 1) {
      st.arrived++;
      st.tokensIn += prompt;
      st.promptTokens.record(prompt);
      st.outputTokens.record(output);
    }
    const rt = this.rt[ci];
    if (!fromTrace && rt.c.exactHitRate > 0 && rt.exact() < rt.c.exactHitRate) {
      st.exactHits++;
      this.fleet.completeNow(id, now);
      return;
    }
    this.fleet.route(id, now, this.blocks);
  }

  /**
   * Called when a request leaves (completed or dropped), before its slot is released: advances its
   * session, agent step or batch job.
   */
  requestDone(id: number, now: number, output: number): void {
    const sid = this.req.session[id];
    if (sid < 0) return;
    const ss = this.sessions;
    const ci = ss.cls[sid];
    const rt = this.rt[ci];
    const c = rt.c;
    const st = this.stats[ci];
    ss.stepOutput[sid] += output;
    if (--ss.pending[sid] > 0) return;
    if (c.arrival.process === 'schedule') {
      const d = now - ss.start[sid];
      st.jobsCompleted++;
      st.jobDuration.record(d);
      if (d <= c.arrival.deadline) st.jobsWithinDeadline++;
      ss.release(sid);
      return;
    }
    // A turn or step is over: the context grows by what was said.
    const turnTokens = (c.session ? this.req.prompt[id] - ss.history[sid] - c.composition.system : 0) + ss.stepOutput[sid] + (rt.toolOutput ? rt.toolOutput() : 0);
    ss.done[sid]++;
    if (c.session || c.agent) this.grow(rt, sid, turnTokens);
    if (ss.done[sid] < ss.planned[sid]) {
      this.at(now + rt.think(), EV_SESSION, sid);
      return;
    }
    if (c.session || c.agent) {
      const d = now - ss.start[sid];
      st.sessionsCompleted++;
      st.sessionDuration.record(d);
      st.turnsPerSession.record(ss.done[sid]);
      if (d <= (c.agent ? c.agent.bound : Infinity)) st.sessionsWithinBound++;
    }
    if (ss.user[sid] >= 0) {
      // Closed loop: the user thinks, then begins again.
      ss.planned[sid] = 0;
      this.at(now + rt.think(), EV_SESSION, sid);
    } else ss.release(sid);
  }

  /** Adds a finished turn to the session history, applying keep-last-N pruning. */
  private grow(rt: ClassRuntime, sid: number, turnTokens: number): void {
    const ss = this.sessions;
    const keep = rt.c.session ? rt.c.session.keepTurns : Infinity;
    ss.history[sid] += turnTokens;
    if (keep === Infinity) return;
    const k = ss.ringSize;
    const slot = sid * k + ((ss.done[sid] - 1) % keep);
    if (ss.done[sid] > keep) {
      // The oldest kept turn falls out of the window. A maxContext cut (oldest first) may already
      // have removed part of it: only what is left of it goes, so the history never turns negative.
      let newer = turnTokens;
      for (let j = 0; j < keep; j++) if (j !== (ss.done[sid] - 1) % keep) newer += ss.ring[sid * k + j];
      const dropped = Math.max(0, Math.min(ss.ring[slot], ss.history[sid] - newer));
      ss.history[sid] -= dropped;
      ss.epoch[sid]++;
      this.stats[rt.c.index].prunedTokens += dropped;
    }
    ss.ring[slot] = turnTokens;
  }
}

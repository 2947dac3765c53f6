import { streamFor, type Rng } from '../engine/random.js';
import type { RequestTable } from '../serving/requestTable.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { ClassStats } from './classStats.js';

interface ClassCascade {
  readonly stages: number;
  readonly escalate: number;
  /** Success probability by pool index (1 where the class names none). */
  readonly quality: Float64Array;
  readonly escalateDraw: Rng;
  readonly qualityDraw: Rng;
}

/**
 * Model cascades and answer quality. A cascade request starts at stage 0; when a stage completes it,
 * with probability `escalate` (stream `cascade/<class>`) it is re-sent to the next stage with the
 * same prompt — its latency still counts from the original arrival and its first token becomes the
 * final stage's. The answer of the stage that completes it last is judged successful with that
 * pool's quality (stream `quality/<class>`); exact-cache hits and service pools are judged
 * successful.
 */
export class Cascade {
  private readonly classes: ClassCascade[];

  constructor(s: ResolvedScenario, seed: number) {
    this.classes = s.classes.map((c) => {
      const quality = new Float64Array(s.pools.length).fill(1);
      for (const [pi, q] of Object.entries(c.quality ?? {})) quality[Number(pi)] = q;
      return {
        stages: c.stages?.length ?? 1, escalate: c.escalate ?? 0, quality,
        escalateDraw: streamFor(seed, `cascade/${c.name}`), qualityDraw: streamFor(seed, `quality/${c.name}`),
      };
    });
  }

  /**
   * Called when an LLM pool completes request `id`: true when it goes on to the next stage; its
   * per-attempt fields are then reset for routing again (stage + 1, no first token, nothing generated).
   */
  escalates(id: number, req: RequestTable, stats: readonly ClassStats[]): boolean {
    const c = req.cls[id];
    const cc = this.classes[c];
    const stage = req.stage[id];
    if (req.servedBy[id] < 0 || stage >= cc.stages - 1 || !(cc.escalateDraw() < cc.escalate)) return false;
    req.stage[id] = stage + 1;
    req.firstToken[id] = NaN;
    req.generated[id] = 0;
    req.cached[id] = 0;
    if (req.counted[id] === 1) stats[c].escalated++;
    return true;
  }

  /** Judges the final answer of request `id`: true with the quality of the pool that produced it. */
  judge(id: number, req: RequestTable): boolean {
    const cc = this.classes[req.cls[id]];
    const pi = req.servedBy[id];
    const q = pi < 0 ? 1 : cc.quality[pi];
    return q >= 1 || cc.qualityDraw() < q;
  }
}

import { UserError } from '../errors.js';

/** An objective: a summary figure, minimized unless written with a leading `-` (maximized). */
export interface Objective { figure: string; maximize: boolean; label: string }

export function parseObjectives(list: readonly string[]): Objective[] {
  if (list.length === 0) throw new UserError('--objectives needs at least one figure');
  return list.map((raw) => {
    const t = raw.trim();
    const maximize = t.startsWith('-');
    const figure = maximize ? t.slice(1) : t;
    if (!/^[\w.@:-]+$/.test(figure)) throw new UserError(`invalid objective ${JSON.stringify(raw)}: expected a summary figure name such as cost.per1kRequests`);
    return { figure, maximize, label: t };
  });
}

/**
 * Indices of the non-dominated points (every objective minimized; maximized ones negated). A point
 * with a null value is never on the front. Points with identical vectors are all kept.
 */
export function paretoFront(points: readonly (readonly (number | null)[])[], objectives: readonly Objective[]): number[] {
  const v = points.map((p) => (p.some((x) => x === null || !Number.isFinite(x)) ? null : p.map((x, i) => (objectives[i].maximize ? -(x as number) : (x as number)))));
  const front: number[] = [];
  for (let i = 0; i < v.length; i++) {
    const a = v[i];
    if (!a) continue;
    let dominated = false;
    for (let j = 0; j < v.length && !dominated; j++) {
      const b = v[j];
      if (!b || j === i) continue;
      let allLe = true;
      let someLt = false;
      for (let k = 0; k < a.length; k++) {
        if (b[k] > a[k]) { allLe = false; break; }
        if (b[k] < a[k]) someLt = true;
      }
      dominated = allLe && someLt;
    }
    if (!dominated) front.push(i);
  }
  return front;
}

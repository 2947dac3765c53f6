/** Per-replication event budget; wall-clock deadline of the whole run (`Date.now()` milliseconds). */
export interface RunBudget {
  maxEvents?: number;
  deadlineMs?: number;
}

/** The RunLimits of one replication starting now under `b`. */
export function budgetLimits(b: RunBudget | undefined): { maxEvents?: number; wallMs?: number; now?: () => number } {
  if (!b) return {};
  return {
    ...(b.maxEvents !== undefined ? { maxEvents: b.maxEvents } : {}),
    ...(b.deadlineMs !== undefined ? { wallMs: Math.max(0, b.deadlineMs - Date.now()), now: Date.now } : {}),
  };
}

/**
 * Sliding-window attention (Gemma 3, gpt-oss): some layers attend only to the last W tokens, so
 * their KV cache holds at most W tokens per sequence (vLLM's hybrid KV cache manager frees the
 * blocks that slide out) and their attention work stops growing with context.
 *
 * The simulator keeps KV in *full-layer token units*: one unit = kvBytesPerToken (every layer's K
 * and V of one token). A sequence of context c then occupies
 *   kvTokens(c) = g·c + (1 − g)·min(c, W)
 * units, with g the share of layers that attend globally. Without a window g = 1 and W = ∞, and
 * every function here returns exactly the full-attention figure (bit for bit).
 */
import type { ModelSpec } from './types.js';

/** Share of the model's layers that attend to the whole context (1 without sliding windows). */
export function kvGlobalFraction(model: ModelSpec): number {
  const w = model.slidingWindow;
  return w === undefined || w.layers === 0 ? 1 : (model.layers - w.layers) / model.layers;
}

/** Window length in tokens (Infinity without sliding windows; `layers: 0` declares none). */
export function kvWindowTokens(model: ModelSpec): number {
  const w = model.slidingWindow;
  return w === undefined || w.layers === 0 ? Infinity : w.tokens;
}

/** KV of one sequence of `context` tokens, in full-layer token units. */
export function kvTokens(context: number, g: number, w: number): number {
  if (g === 1) return context;
  return g * context + (1 - g) * (context < w ? context : w);
}

/**
 * Attention work of prefilling `c` tokens after `done` tokens already in KV, in token² units of a
 * full-attention layer stack: Σ over the new tokens of the context each attends to (the continuous
 * form c·(done + c/2)); windowed layers attend to at most `w` tokens each.
 */
export function prefillAttention(done: number, c: number, g: number, w: number): number {
  const full = c * (done + c / 2);
  if (g === 1) return full;
  let local: number;
  if (done >= w) local = c * w;
  else if (done + c <= w) local = full;
  else {
    const a = w - done; // tokens still inside the window's growth
    local = a * (done + a / 2) + (c - a) * w;
  }
  return g * full + (1 - g) * local;
}

/** The model's sliding window in words, for reports (undefined without one). */
export function describeWindow(model: ModelSpec): string | undefined {
  const w = model.slidingWindow;
  return w === undefined || w.layers === 0 ? undefined : `${w.layers} of ${model.layers} layers attend to the last ${w.tokens} tokens`;
}

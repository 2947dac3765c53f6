/**
 * Closed forms for a run of decode-only iterations with a fixed batch of B sequences whose total
 * context starts at C and grows by B per step. Step j (0-based) lasts
 *   t_j = max(a0 + a1·(C + jB), b0 + b1·(C + jB)),
 * the maximum of two lines (memory- and compute-bound rooflines). Sums of k steps are sums of
 * arithmetic series on each side of the lines' crossing; the inverse (steps completed within a time)
 * solves a quadratic and is then corrected to the exact integer.
 */
export class DecodeSeries {
  /** Intercepts and slopes in j of the two lines: t = α + β j and t = γ + δ j. */
  private alpha = 0;
  private beta = 0;
  private gamma = 0;
  private delta = 0;
  /** First step index at which the second line is the larger (may be ≤ 0 or Infinity). */
  private cross = Infinity;
  /** Whether the first line dominates before `cross`. */
  private firstBefore = true;

  /** Sets the series from the lines [a0, a1, b0, b1] (in context C) for batch B and start context C0. */
  set(lines: Float64Array, batch: number, context: number): void {
    const a0 = lines[0];
    const a1 = lines[1];
    const b0 = lines[2];
    const b1 = lines[3];
    this.alpha = a0 + a1 * context;
    this.beta = a1 * batch;
    this.gamma = b0 + b1 * context;
    this.delta = b1 * batch;
    // Line 1 ≥ line 2 ⇔ (α − γ) + (β − δ) j ≥ 0.
    const d0 = this.alpha - this.gamma;
    const d1 = this.beta - this.delta;
    if (d1 === 0) {
      this.firstBefore = d0 >= 0;
      this.cross = Infinity;
    } else if (d1 > 0) {
      // Line 1 dominates from j ≥ −d0/d1 on; line 2 before that.
      this.firstBefore = false;
      this.cross = Math.max(0, Math.ceil(-d0 / d1));
    } else {
      this.firstBefore = true;
      this.cross = Math.max(0, Math.floor(d0 / -d1) + 1);
    }
  }

  /** Duration of step j alone. */
  step(j: number): number {
    const x = this.alpha + this.beta * j;
    const y = this.gamma + this.delta * j;
    return x > y ? x : y;
  }

  /** Σ_{j=0}^{k-1} step(j), in closed form. */
  sum(k: number): number {
    if (k <= 0) return 0;
    const c = this.cross < k ? this.cross : k;
    let s = 0;
    if (this.firstBefore) {
      s += seg(this.alpha, this.beta, 0, c);
      s += seg(this.gamma, this.delta, c, k);
    } else {
      s += seg(this.gamma, this.delta, 0, c);
      s += seg(this.alpha, this.beta, c, k);
    }
    return s;
  }

  /** The part of sum(k) spent in steps where the first line (the compute roofline) is the larger. */
  sumFirstLine(k: number): number {
    if (k <= 0) return 0;
    const c = this.cross < k ? this.cross : k;
    return this.firstBefore ? seg(this.alpha, this.beta, 0, c) : seg(this.alpha, this.beta, c, k);
  }

  /** Σ_{j=0}^{k-1} j·step(j), in closed form: the time integral of "steps completed" is built on it. */
  moment(k: number): number {
    if (k <= 0) return 0;
    const c = this.cross < k ? this.cross : k;
    if (this.firstBefore) return segMoment(this.alpha, this.beta, 0, c) + segMoment(this.gamma, this.delta, c, k);
    return segMoment(this.gamma, this.delta, 0, c) + segMoment(this.alpha, this.beta, c, k);
  }

  /**
   * ∫_0^elapsed n(s) ds, where n(s) = completedBy(s) is the number of steps completed after s seconds
   * (each completed step j adds elapsed − sum(j + 1)). `n` must be completedBy(elapsed) (passed in
   * because callers already have it).
   */
  completedIntegral(elapsed: number, n: number): number {
    if (n <= 0) return 0;
    return n * elapsed - n * this.sum(n) + this.moment(n);
  }

  /** Largest n ≥ 0 with sum(n) ≤ elapsed (steps fully completed after `elapsed` seconds). */
  completedBy(elapsed: number): number {
    const first = this.step(0);
    if (!(elapsed >= first)) return 0;
    // Invert the arithmetic series of the piece in force (a quadratic), then correct to the exact
    // integer against sum() itself, so the answer is consistent with sum() to the last bit.
    const c = this.cross;
    let n: number;
    const before = this.firstBefore;
    if (c === Infinity || c <= 0 || elapsed < this.sum(c)) {
      n = c <= 0 ? invertLine(before ? this.gamma : this.alpha, before ? this.delta : this.beta, 0, elapsed)
        : invertLine(before ? this.alpha : this.gamma, before ? this.beta : this.delta, 0, elapsed);
    } else {
      n = c + invertLine(before ? this.gamma : this.alpha, before ? this.delta : this.beta, c, elapsed - this.sum(c));
    }
    if (!(n >= 1)) n = 1;
    while (this.sum(n + 1) <= elapsed) n++;
    while (n > 0 && this.sum(n) > elapsed) n--;
    return n;
  }
}

/** Steps m ≥ 0 of a line t(j) = a + b j from j = s whose sum fits in `rem` (approximate: floats). */
function invertLine(a: number, b: number, s: number, rem: number): number {
  const first = a + b * s;
  if (b <= 0 || b * rem < 1e-12 * first * first) return Math.floor(rem / first);
  // m·first + b·m(m−1)/2 = rem ⇒ m = (−(first − b/2) + √((first − b/2)² + 2 b rem)) / b
  const h = first - b / 2;
  return Math.floor((2 * rem) / (h + Math.sqrt(h * h + 2 * b * rem)));
}

/** Σ_{j=s}^{e-1} (a + b j). */
function seg(a: number, b: number, s: number, e: number): number {
  if (e <= s) return 0;
  const n = e - s;
  return n * a + (b * n * (s + e - 1)) / 2;
}

/** Σ_{j=s}^{e-1} j·(a + b j). */
function segMoment(a: number, b: number, s: number, e: number): number {
  if (e <= s) return 0;
  const s1 = (e * (e - 1) - s * (s - 1)) / 2;
  const s2 = ((e - 1) * e * (2 * e - 1) - (s - 1) * s * (2 * s - 1)) / 6;
  return a * s1 + b * s2;
}

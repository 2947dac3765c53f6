/** Forgiving name normalisation and closest-match ranking for catalog look-ups. */

const GPU_NOISE = /nvidia|amd|instinct|sxm\d?|hgx|dgx|oam|hbm\d?e?|gddr\d/g;
const MODEL_SUFFIXES = /-(instruct|it|hf|chat|base|fp8|bf16|awq|gptq|thinking|\d{4})$/;

/** 'H100 SXM5 80GB' → 'h10080gb'; 'nvidia-a100-sxm4-80gb' → 'a10080gb'. */
export function normalizeGpuName(name: string): string {
  return name.toLowerCase().replace(/[\s_\-/()]+/g, '').replace(GPU_NOISE, '');
}

/** 'meta-llama/Llama-3.1-70B-Instruct' → 'llama3.170b'; 'Qwen3-235B-A22B-Instruct-2507-FP8' → 'qwen3235ba22b'. */
export function normalizeModelName(name: string): string {
  let s = name.trim().toLowerCase();
  const slash = s.lastIndexOf('/');
  if (slash >= 0) s = s.slice(slash + 1);
  s = s.replace(/[\s_]+/g, '-');
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(MODEL_SUFFIXES, '');
  }
  return s.replace(/-/g, '');
}

/** Levenshtein edit distance (small strings only; not on a hot path). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** Known names sorted closest first to `query` (both compared normalised; ties keep catalog order). */
export function rankByCloseness(query: string, known: readonly string[], normalize: (s: string) => string): string[] {
  const q = normalize(query);
  return known
    .map((name, i) => {
      const n = normalize(name);
      const d = editDistance(q, n) - (n.includes(q) || q.includes(n) ? n.length : 0);
      return { name, d, i };
    })
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .map((x) => x.name);
}

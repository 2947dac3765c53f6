/** Two-sided 95 % critical values t(0.975, ν) for ν = 1..30 (standard tables, 9 decimals). */
const T975 = [
  12.706204736, 4.30265273, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135,
  2.262157163, 2.228138852, 2.20098516, 2.17881283, 2.160368656, 2.144786688, 2.131449546, 2.119905299,
  2.109815578, 2.10092204, 2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.06865761, 2.063898562,
  2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
];

/** z(0.975), the standard normal 97.5 % quantile. */
const Z = 1.959963984540054;

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom (df ≥ 1, integer).
 * Table for df ≤ 30; above, the Cornish–Fisher expansion (Abramowitz & Stegun 26.7.5) to 1/ν⁴,
 * accurate to better than 1e-6 there.
 */
export function studentT975(df: number): number {
  if (!(df >= 1 && Number.isInteger(df))) throw new RangeError(`studentT975: df must be an integer >= 1, got ${df}`);
  if (df <= 30) return T975[df - 1];
  const z2 = Z * Z;
  const z3 = Z * z2, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2;
  const g1 = (z3 + Z) / 4;
  const g2 = (5 * z5 + 16 * z3 + 3 * Z) / 96;
  const g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * Z) / 384;
  const g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * Z) / 92160;
  return Z + g1 / df + g2 / (df * df) + g3 / (df * df * df) + g4 / (df * df * df * df);
}

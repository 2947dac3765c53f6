/**
 * Price assumptions of the cost ledger that no region catalog carries. Each has a source and a date;
 * docs/economics.md lists them.
 */

/** Seconds in a billing month as AWS meters GB-months: 730 hours. */
export const MONTH_S = 730 * 3600;

/**
 * Storage of model weights: USD per byte-second. AWS EBS gp3 in us-east-1, $0.08 per GB-month
 * (aws.amazon.com/ebs/pricing, 2025) — the tier the cold-start load bandwidth assumes (Run:ai
 * streamer on gp3).
 */
export const WEIGHT_STORAGE_USD_PER_BYTE_SECOND = 0.08 / 1e9 / MONTH_S;

/**
 * Observability pricing, resolved (SI: bytes, seconds, USD per byte and per byte-month). The
 * scenario's `observability:` block fills the defaults: Amazon CloudWatch Logs standard ingestion
 * $0.50/GB and storage $0.03/GB-month in us-east-1 (aws.amazon.com/cloudwatch/pricing, 2025); 2 KB of
 * spans and logs per request at 10 % sampling, kept 30 days.
 */
export interface ResolvedObservability {
  readonly bytesPerRequest: number;
  readonly sampling: number;
  readonly usdPerByte: number;
  readonly retentionS: number;
  readonly storageUsdPerByteMonth: number;
}

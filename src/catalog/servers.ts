/**
 * Host (non-GPU) power of a GPU server node: CPUs, memory, NICs, NVSwitches, fans.
 * Source: splitwise-sim configs (power_phase_and_server.csv): DGX-A100 TDP 6500 W, idle 1500 W;
 * DGX-H100 TDP 10200 W, idle 2800 W; GPU idle 63 / 75 W and TDP 400 / 700 W in the same model.
 * Non-GPU idle = server idle − 8 × GPU idle; non-GPU maximum = server TDP − 8 × GPU TDP.
 */
export interface ServerSpec {
  readonly id: string;
  readonly gpusPerNode: number;
  /** Non-GPU power of the node at idle, W. */
  readonly hostIdleW: number;
  /** Non-GPU power of the node with every GPU busy, W (the server TDP share not taken by GPUs). */
  readonly hostMaxW: number;
  readonly source: string;
}

const SRC = 'splitwise-sim dgx-*.yaml and power_model.py (power_phase_and_server.csv)';

export const SERVERS: Readonly<Record<string, ServerSpec>> = {
  'DGX-A100': { id: 'DGX-A100', gpusPerNode: 8, hostIdleW: 1500 - 8 * 63, hostMaxW: 6500 - 8 * 400, source: SRC },
  'DGX-H100': { id: 'DGX-H100', gpusPerNode: 8, hostIdleW: 2800 - 8 * 75, hostMaxW: 10200 - 8 * 700, source: SRC },
};

/**
 * Server model of a GPU. A100 → DGX-A100; H100 and H200 (same HGX board) → DGX-H100. Others have
 * no measured server: they use DGX-H100's per-GPU host share (assumption), scaled to gpusPerNode.
 */
export function serverFor(gpuId: string): ServerSpec {
  if (gpuId === 'A100-80GB') return SERVERS['DGX-A100'];
  return SERVERS['DGX-H100'];
}

/**
 * Non-GPU power of one node (W), linear between host idle and host maximum in the fraction of its
 * GPUs that are busy (0..1). Add GPU power separately; multiply by PUE for facility power.
 */
export function hostPowerW(gpuId: string, gpusBusyFraction: number, gpusPerNode = 8): number {
  const s = serverFor(gpuId);
  const u = gpusBusyFraction < 0 ? 0 : gpusBusyFraction > 1 ? 1 : gpusBusyFraction;
  return ((s.hostIdleW + (s.hostMaxW - s.hostIdleW) * u) * gpusPerNode) / s.gpusPerNode;
}

/**
 * The built-in GPU catalog. Every figure names its source; figures marked "assumption" are
 * modelling choices, not measurements, and are the first thing to replace with a measurement.
 *
 * Units: bytes, bytes/s, FLOP/s (dense, no sparsity), watts, seconds, °C.
 * Main data file: ../shared/data/calibration/gpu_specs.csv (vendor datasheets, nvidia-smi/rocm-smi
 * logs), thermal.csv, power_phase_and_server.csv.
 */
import type { GpuSpec, ThermalSpec } from '../serving/perf/types.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const TB = 1e12;
const GB = 1e9;
const T = 1e12;

/**
 * Default lumped thermal constants (assumption): the die runs 45 °C above the inlet at TDP in a
 * well-cooled server (so R = 45 / TDP °C/W) and the heatsink's time constant R·C is 120 s.
 * Slowdown/shutdown thresholds default to the A100/H100 nvidia-smi figures (89 / 92 °C, thermal.csv);
 * the clock while thermally throttled is 0.8 (≈ −20 % observed under sustained LLM decode, thermal.csv).
 * Hysteresis 3 °C is an assumption.
 */
export function defaultThermal(tdpW: number, over: Partial<ThermalSpec> = {}): ThermalSpec {
  const resistanceCPerW = 45 / tdpW;
  return {
    slowdownC: 89,
    hysteresisC: 3,
    shutdownC: 92,
    throttleClock: 0.8,
    resistanceCPerW,
    capacitanceJPerC: 120 / resistanceCPerW,
    ...over,
  };
}

const SPECS = 'gpu_specs.csv (vendor datasheet)';
/** Per-hop latency of a ring all-reduce step (assumption: ~2 µs NVLink/Infinity Fabric, ~5 µs PCIe). */
const NVLINK_HOP_S = 2e-6;
const PCIE_HOP_S = 5e-6;

export const GPUS: readonly GpuSpec[] = [
  {
    id: 'H100', name: 'NVIDIA H100 SXM5 80GB',
    memoryBytes: 81559 * MiB, memoryBandwidth: 3.35 * TB,
    bf16Flops: 989 * T, fp8Flops: 1979 * T, fp4Flops: 1979 * T,
    tdpW: 700, idleW: 69, idleLoadedW: 130,
    interconnectBandwidth: 450 * GB, interconnectLatency: NVLINK_HOP_S,
    thermal: defaultThermal(700),
    source: `${SPECS}: 80 GB HBM3 (81559 MiB as nvidia-smi reports), 3.35 TB/s, 989/1979 TFLOPS dense; TDP 700 W; idle 67-71 W empty, 122-145 W with weights loaded (nvidia-smi logs); NVLink4 900 GB/s bidirectional = 450 GB/s per direction (NVIDIA H100 datasheet); thresholds 89/92 °C from the H100 PCIe product brief (thermal.csv), assumed for SXM`,
  },
  {
    id: 'H200', name: 'NVIDIA H200 SXM 141GB',
    memoryBytes: 143771 * MiB, memoryBandwidth: 4.8 * TB,
    bf16Flops: 989 * T, fp8Flops: 1979 * T, fp4Flops: 1979 * T,
    tdpW: 700, idleW: 75, idleLoadedW: 122,
    interconnectBandwidth: 450 * GB, interconnectLatency: NVLINK_HOP_S,
    thermal: defaultThermal(700),
    source: `${SPECS}: 141 GB HBM3e (143771 MiB usable), 4.8 TB/s, 989/1979 TFLOPS dense; TDP 700 W; idle 73-76 W empty, 122 W with 130 GB loaded (nvidia-smi logs); NVLink4 450 GB/s per direction (NVIDIA H200 datasheet); thermal thresholds assumed equal to H100`,
  },
  {
    id: 'A100-80GB', name: 'NVIDIA A100 SXM4 80GB',
    memoryBytes: 81920 * MiB, memoryBandwidth: 2.039 * TB,
    bf16Flops: 312 * T, fp8Flops: 312 * T, fp4Flops: 312 * T,
    tdpW: 400, idleW: 63, idleLoadedW: 68.4,
    interconnectBandwidth: 300 * GB, interconnectLatency: NVLINK_HOP_S,
    thermal: defaultThermal(400, { slowdownC: 89, shutdownC: 92 }),
    source: `${SPECS}: 80 GB HBM2e, 2.039 TB/s, 312 TFLOPS BF16 dense, no FP8 (FP8 = BF16 here); TDP 400 W; idle 63 W (splitwise-sim power model), 68.4 W with 22 GB loaded (nvidia-smi -q log); NVLink3 600 GB/s bidirectional = 300 GB/s per direction (NVIDIA A100 datasheet); thresholds 85/89/92 °C (nvidia-smi -q, thermal.csv)`,
  },
  {
    id: 'L4', name: 'NVIDIA L4 24GB',
    memoryBytes: 23034 * MiB, memoryBandwidth: 0.3 * TB,
    bf16Flops: 121 * T, fp8Flops: 242.5 * T, fp4Flops: 242.5 * T,
    tdpW: 72, idleW: 13.5, idleLoadedW: 35.5,
    interconnectBandwidth: 32 * GB, interconnectLatency: PCIE_HOP_S,
    thermal: defaultThermal(72),
    source: `${SPECS}: 24 GB GDDR6 (23034 MiB usable), 300 GB/s, 121/242.5 TFLOPS dense (datasheet figures with sparsity halved); TDP 72 W; idle 11-16 W (P8), 35-36 W loaded at 0 % (nvidia-smi logs); no NVLink: PCIe Gen4 x16 ≈ 32 GB/s per direction (PCI-SIG Gen4 x16 raw 31.5 GB/s); thermal thresholds assumed`,
  },
  {
    id: 'L40S', name: 'NVIDIA L40S 48GB',
    memoryBytes: 46068 * MiB, memoryBandwidth: 0.864 * TB,
    bf16Flops: 362 * T, fp8Flops: 733 * T, fp4Flops: 733 * T,
    tdpW: 350, idleW: 33.5, idleLoadedW: 83,
    interconnectBandwidth: 32 * GB, interconnectLatency: PCIE_HOP_S,
    thermal: defaultThermal(350),
    source: `${SPECS}: 48 GB GDDR6 (46068 MiB usable), 864 GB/s, 362/733 TFLOPS dense (sparsity halved); TDP 350 W; idle 31-36 W (P8), 83 W with 41 GB loaded (nvidia-smi logs); no NVLink: PCIe Gen4 x16 ≈ 32 GB/s per direction; thermal thresholds assumed`,
  },
  {
    id: 'B200', name: 'NVIDIA B200 (HGX) 180GB',
    memoryBytes: 183359 * MiB, memoryBandwidth: 8.0 * TB,
    bf16Flops: 2250 * T, fp8Flops: 4500 * T, fp4Flops: 9000 * T,
    tdpW: 1000, idleW: 99, idleLoadedW: 186,
    interconnectBandwidth: 900 * GB, interconnectLatency: NVLINK_HOP_S,
    thermal: defaultThermal(1000),
    source: `${SPECS}: HGX B200 per GPU = 1/8 of the 8-GPU totals; 183359 MiB (AWS p6-b200 catalog), 8 TB/s, 2250/4500 TFLOPS dense BF16/FP8, FP4 9000 dense (HGX B200 144 PF sparse / 8 / 2); TDP 1000 W; NVLink5 1.8 TB/s bidirectional = 900 GB/s per direction (NVIDIA DGX B200 datasheet); idle not measured: derived as H100's idle/TDP ratios (69/700, 130/700) × 1000 W (assumption); thermal thresholds assumed`,
  },
  {
    id: 'MI300X', name: 'AMD Instinct MI300X 192GB',
    memoryBytes: 192 * GiB, memoryBandwidth: 5.3 * TB,
    bf16Flops: 1307.4 * T, fp8Flops: 2614.9 * T, fp4Flops: 2614.9 * T,
    tdpW: 750, idleW: 176.5, idleLoadedW: 241,
    interconnectBandwidth: 448 * GB, interconnectLatency: NVLINK_HOP_S,
    thermal: defaultThermal(750),
    source: `${SPECS}: 192 GB HBM3, 5.3 TB/s, 1307.4/2614.9 TFLOPS dense; TDP 750 W (MLPerf v4.1 system JSON); idle 173-180 W socket power at 0 % util (rocm-smi log); loaded idle not measured: idle + H100's loaded-minus-idle 61 W × 750/700 (assumption); Infinity Fabric: 7 links × 64 GB/s = 448 GB/s per direction to the other 7 GPUs (AMD MI300X datasheet: 896 GB/s bidirectional peer aggregate); thermal thresholds assumed NVIDIA-like`,
  },
];

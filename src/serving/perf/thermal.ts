/**
 * Lumped RC thermal model of one GPU: C·dT/dt = P − (T − T_inlet)/R.
 * Under constant power P the temperature relaxes exponentially to the steady state
 * T_ss = T_inlet + P·R with time constant τ = R·C, so every question has a closed form:
 *   T(t) = T_ss + (T0 − T_ss)·e^(−t/τ);   time to reach θ = τ·ln((T0 − T_ss)/(θ − T_ss)).
 * Units: °C, W, s, °C/W, J/°C. Pure functions; nothing allocates except `throttleStep`'s result.
 */
import type { ThermalSpec } from './types.js';

/** Steady-state temperature (°C) under constant power `powerW` with inlet `inletC`. */
export function steadyStateC(th: ThermalSpec, inletC: number, powerW: number): number {
  return inletC + powerW * th.resistanceCPerW;
}

/** Temperature (°C) after `dtS` seconds at constant `powerW`, starting from `t0C`. */
export function temperatureAfter(th: ThermalSpec, inletC: number, powerW: number, t0C: number, dtS: number): number {
  const ss = steadyStateC(th, inletC, powerW);
  return ss + (t0C - ss) * Math.exp(-dtS / (th.resistanceCPerW * th.capacitanceJPerC));
}

/**
 * Seconds until the temperature, starting at `t0C` under constant `powerW`, reaches `thresholdC`
 * (crossing in either direction). 0 if already there; Infinity if it never does (the steady state
 * is on the same side as t0, or equal to the threshold).
 */
export function timeToReach(th: ThermalSpec, inletC: number, powerW: number, t0C: number, thresholdC: number): number {
  if (t0C === thresholdC) return 0;
  const ss = steadyStateC(th, inletC, powerW);
  const num = t0C - ss;
  const den = thresholdC - ss;
  if (den === 0 || num / den <= 1) return Infinity; // threshold not between t0 and the steady state
  return th.resistanceCPerW * th.capacitanceJPerC * Math.log(num / den);
}

/**
 * Energy (J) dissipated in `dtS` at constant power — trivial, but named so callers integrate power
 * in one place (the engine's piecewise-constant power segments).
 */
export function energyJ(powerW: number, dtS: number): number {
  return powerW * dtS;
}

/**
 * Throttle state machine with hysteresis: throttling starts when T ≥ slowdownC and stops when
 * T < slowdownC − hysteresisC. Returns the new state.
 */
export function nextThrottled(th: ThermalSpec, throttled: boolean, temperatureC: number): boolean {
  return throttled ? temperatureC >= th.slowdownC - th.hysteresisC : temperatureC >= th.slowdownC;
}

/** Clock factor for the thermal state (1, or throttleClock while throttled). */
export function thermalClock(th: ThermalSpec, throttled: boolean): number {
  return throttled ? th.throttleClock : 1;
}

/**
 * The next thermal event from the current state: the time until the state machine flips under
 * constant `powerW` (the engine schedules it and re-evaluates power there).
 */
export function nextThermalEventS(th: ThermalSpec, inletC: number, powerW: number, tC: number, throttled: boolean): number {
  return throttled
    ? timeToReach(th, inletC, powerW, tC, th.slowdownC - th.hysteresisC)
    : timeToReach(th, inletC, powerW, tC, th.slowdownC);
}

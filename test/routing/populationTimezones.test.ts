import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';
import { runReplication } from '../../src/simulate/runReplication.js';

/**
 * Populations in different time zones follow the class's daily profile in their own local time.
 * Over 00:00–06:00 UTC it is 08:00–14:00 in UTC+8 (office hours) and 19:00–01:00 in UTC−5 (evening
 * and night), so with the business-hours profile most requests come from Asia; without a profile the
 * two populations split by their shares.
 */
function scenario(profile: boolean): string {
  return `
horizon: 6h
populations:
  americas: { share: 50%, timezone: -5, rtt: { us-east-1: 10ms } }
  asia:     { share: 50%, timezone: 8, rtt: { ap-northeast-1: 10ms } }
workload:
  chat:
    rate: 2/s
    ${profile ? 'profile: { preset: business-hours }' : ''}
    prompt: 50
    output: 5
    routing: { policy: nearest }
fleet:
  pools:
    - { name: us, model: llama-3.1-8b, gpu: H100, replicas: 1, region: us-east-1 }
    - { name: jp, model: llama-3.1-8b, gpu: H100, replicas: 1, region: ap-northeast-1 }
`;
}

describe('population time zones', () => {
  it('a population in its office hours sends most of the traffic; without a profile shares hold', () => {
    const withProfile = runReplication(loadScenarioText(scenario(true)).resolved, 3).figures;
    const flat = runReplication(loadScenarioText(scenario(false)).resolved, 3).figures;
    const ratio = withProfile['pool.jp.routed'] / withProfile['pool.us.routed'];
    const flatRatio = flat['pool.jp.routed'] / flat['pool.us.routed'];
    // Expected ≈ 0.93 / 0.24 ≈ 3.9 from the profile's local hours; Poisson noise on ~30k requests is small.
    expect(ratio).toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(6);
    expect(Math.abs(flatRatio - 1)).toBeLessThan(0.05);
  });
});

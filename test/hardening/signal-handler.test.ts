import { EventEmitter } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { installSignalHandlers, SIGNAL_EXIT_CODES } from '../../src/cli/io.js';
import { removePendingTempFiles, writeFileAtomic } from '../../src/report/atomicWrite.js';
import { tempDir } from '../support/cli.js';

/** The signal handler in-process, with a fake process: cleanup first, then the exit code, once. */
describe('installSignalHandlers', () => {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    it(`${signal}: cleans up, reports and exits ${code}; a second signal is left to the default action`, () => {
      const calls: string[] = [];
      const proc = Object.assign(new EventEmitter(), {
        stderr: { write: (t: string) => void calls.push(`stderr:${t.trim()}`) },
        exit: (c: number) => void calls.push(`exit:${c}`),
      });
      installSignalHandlers(proc as unknown as NodeJS.Process, () => void calls.push('cleanup'));
      proc.emit(signal);
      expect(calls[0]).toBe('cleanup');
      expect(calls[1]).toMatch(new RegExp(`interrupted \\(${signal}\\)`));
      expect(calls[2]).toBe(`exit:${code}`);
      expect(proc.listenerCount(signal)).toBe(0);
    });
  }

  it('removePendingTempFiles leaves completed atomic writes alone and no temporary file behind', () => {
    const t = tempDir();
    try {
      writeFileAtomic(`${t.dir}/a.json`, '{}\n');
      removePendingTempFiles();
      expect(existsSync(`${t.dir}/a.json`)).toBe(true);
      expect(readdirSync(t.dir)).toEqual(['a.json']);
    } finally {
      t.cleanup();
    }
  });
});

import { UserError } from '../../errors.js';
import { LineReader } from '../../io/lineReader.js';
import type { TraceFormat } from './types.js';

/**
 * Guesses a built-in trace format from the first non-blank line: an Azure or BurstGPT CSV header, or
 * a JSON object with Mooncake's keys. Returns undefined when none fits (use the generic format).
 */
export function detectFormat(path: string): TraceFormat | undefined {
  const rd = new LineReader(path, { chunkSize: 64 << 10 });
  try {
    while (rd.next()) {
      const line = rd.text().trim();
      if (line === '') continue;
      if (line.startsWith('{')) {
        return /"input_length"/.test(line) && /"timestamp"/.test(line) ? 'mooncake' : undefined;
      }
      const cols = line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
      if (cols.includes('TIMESTAMP') && cols.includes('ContextTokens')) return 'azure';
      if (cols.includes('Timestamp') && cols.includes('Request tokens')) return 'burstgpt';
      return undefined;
    }
    throw new UserError('empty trace file', { file: path });
  } finally {
    rd.close();
  }
}

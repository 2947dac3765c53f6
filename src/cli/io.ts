import { removePendingTempFiles } from '../report/atomicWrite.js';

/** The narrow I/O port every command gets, so commands are testable without a process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Environment variables the command may read (NO_COLOR, GITHUB_STEP_SUMMARY, ...). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Terminal width in columns, or undefined when stdout is not a terminal. */
  readonly columns: number | undefined;
  readonly isTTY: boolean;
  /** stderr is a terminal (progress rewrites one line); absent means no. */
  readonly stderrIsTTY?: boolean;
  /**
   * The process handles SIGINT/SIGTERM (see {@link installSignalHandlers}): long computations should
   * leave this thread free (run on worker threads) so that a signal is handled at once. Absent: no.
   */
  readonly signals?: boolean;
}

/** Exit codes of a run stopped by a signal (128 + the signal number, as shells report). */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * On the first SIGINT or SIGTERM: removes the temporary files of writes in progress (outputs are
 * written to a temporary name and renamed, so no partial file ever carries a final name), says so on
 * stderr and exits 130 / 143, which ends every worker thread. A second signal gets the default
 * action (immediate termination).
 */
export function installSignalHandlers(proc: NodeJS.Process = process, cleanup: () => void = removePendingTempFiles): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    proc.once(signal, () => {
      try {
        cleanup();
      } finally {
        proc.stderr.write(`\ninterrupted (${signal}): stopped; outputs already complete were kept, nothing partial was written\n`);
        proc.exit(code);
      }
    });
  }
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    signals: true,
  };
}

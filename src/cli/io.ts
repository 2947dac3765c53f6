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
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

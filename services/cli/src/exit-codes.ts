/**
 * The exit codes of `c360`, a contract for scripts (documented in the README):
 * 0 done; 1 the operation failed or found a problem (a rejected import row, a verify
 * difference, a 4xx/5xx answer); 2 usage (unknown command, bad option, missing
 * argument); 3 authentication or authorization (no credential, unknown, revoked or
 * not allowed); 4 the platform could not be reached.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, auth: 3, unreachable: 4 } as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports as one line and turns into its exit code. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  /** Stable code: the platform's error code when it answered with one. */
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(
    message: string,
    options: { exitCode: ExitCode; code: string; details?: Record<string, unknown>; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = options.exitCode;
    this.code = options.code;
    this.details = options.details ?? {};
  }
}

export const usageError = (message: string): CliError => new CliError(message, { exitCode: EXIT.usage, code: 'usage' });

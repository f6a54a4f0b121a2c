/**
 * The one error hierarchy of the platform. Every package throws these; adapters
 * translate vendor errors into them at their edge; only the web layer maps them
 * to HTTP statuses (by `code`, never by message).
 */

export interface C360ErrorOptions {
  cause?: unknown;
  /** Machine-readable details (field paths, ids, expected/actual revisions). */
  details?: Record<string, unknown>;
}

export abstract class C360Error extends Error {
  /** Stable identifier for clients and logs; never changes once published. */
  abstract readonly code: string;
  /** True when trying the same operation again later may succeed. */
  readonly retriable: boolean = false;
  readonly details: Record<string, unknown>;

  protected constructor(message: string, options: C360ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.details = options.details ?? {};
  }

  toJSON(): { code: string; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export interface ValidationIssue {
  /** Path to the offending value, e.g. `batch[3].properties.revenue`. */
  path: string;
  message: string;
}

/** The input is wrong; retrying it unchanged can never succeed. */
export class ValidationError extends C360Error {
  readonly code: string;
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, options: C360ErrorOptions & { issues?: ValidationIssue[]; code?: string } = {}) {
    super(message, { ...options, details: { ...options.details, issues: options.issues ?? [] } });
    this.code = options.code ?? 'validation_failed';
    this.issues = options.issues ?? [];
  }

  static forPath(path: string, message: string): ValidationError {
    return new ValidationError(`${path}: ${message}`, { issues: [{ path, message }] });
  }
}

/** The thing asked for does not exist (or no longer exists). */
export class NotFoundError extends C360Error {
  readonly code: string;

  constructor(message: string, options: C360ErrorOptions & { code?: string } = {}) {
    super(message, options);
    this.code = options.code ?? 'not_found';
  }
}

/** An optimistic-concurrency check failed: someone else wrote first. Re-read and decide again. */
export class ConcurrencyError extends C360Error {
  readonly code = 'concurrency_conflict';
  override readonly retriable = true;

  constructor(message: string, options: C360ErrorOptions = {}) {
    super(message, options);
  }
}

/**
 * A dependency (database, broker, network) failed. `retriable` says whether the
 * same call may succeed later (connection reset, broker down) or not (bad credentials).
 */
export class InfrastructureError extends C360Error {
  readonly code: string;
  override readonly retriable: boolean;

  constructor(message: string, options: C360ErrorOptions & { retriable: boolean; code?: string }) {
    super(message, options);
    this.retriable = options.retriable;
    this.code = options.code ?? 'infrastructure_failure';
  }
}

/** True for any error of this hierarchy that says a retry may help. */
export function isRetriable(error: unknown): boolean {
  return error instanceof C360Error && error.retriable;
}
export { backoffDelay } from './retry';

/**
 * Typed errors. A `UserError` is something the person did that we answer privately; every other
 * error is ours or the platform's and is logged, never shown raw.
 */

/** Bad input or a refused action. `message` is what the person reads; `example` shows the right form. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly example?: string,
    /** For form submissions: the field the problem is in. */
    readonly field?: string,
  ) {
    super(message);
  }

  /** The whole private answer: what was wrong, then the right form. */
  get text(): string {
    return this.example ? `${this.message}\nFor example: ${this.example}` : this.message;
  }
}

/** `conflict`: a unique key another process took first (two replicas creating the same thing at once). */
export type InternalErrorCode = 'not-found' | 'invariant' | 'storage' | 'config' | 'conflict';

export class InternalError extends Error {
  override readonly name = 'InternalError';
  constructor(
    readonly code: InternalErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * `permanent`: refused, and repeating it cannot help. `transient`: refused or never sent, worth
 * retrying later. `rate-limited`: refused for now, retry after the wait given. `unknown`: the
 * request left and no answer came (a timeout, a connection lost after sending): the platform may
 * have the message, so it is never sent again.
 */
export type DeliveryFailureKind = 'permanent' | 'transient' | 'rate-limited' | 'unknown';

/**
 * A send that the platform refused or that did not reach it. Adapters wrap every SDK failure into
 * one of these so the scheduler can decide: wait and retry, back off, or fall back.
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly kind: DeliveryFailureKind,
    message: string,
    /** For `rate-limited`: how long the platform asked us to wait. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown; remedy?: string },
  ) {
    super(message, options);
    this.remedy = options?.remedy;
  }

  /**
   * What a person can do about a permanent failure, in the platform's own words (`/invite @Rebound`
   * on Slack): the adapter knows them, the core only passes them on.
   */
  readonly remedy: string | undefined;

  static permanent(message: string, cause?: unknown, remedy?: string): DeliveryError {
    return new DeliveryError('permanent', message, undefined, remedy ? { cause, remedy } : { cause });
  }
  static transient(message: string, cause?: unknown): DeliveryError {
    return new DeliveryError('transient', message, undefined, { cause });
  }
  static unknown(message: string, cause?: unknown): DeliveryError {
    return new DeliveryError('unknown', message, undefined, { cause });
  }
  static rateLimited(retryAfterMs: number, cause?: unknown): DeliveryError {
    return new DeliveryError('rate-limited', `rate limited, retry after ${retryAfterMs} ms`, retryAfterMs, { cause });
  }
}

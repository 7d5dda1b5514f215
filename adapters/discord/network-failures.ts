/**
 * What a failed request to Discord says about the message it carried. The rule: a request is
 * known not to have been sent only when no connection to Discord was ever made (the name did not
 * resolve, the connection was refused or could not be opened in time); then nothing of it left
 * and the failure is transient. Once a connection was made, the request may have been handed over
 * whole, and nothing seen here tells how far it got: a timeout, a reset or a connection closed
 * without an answer is unknown. When in doubt, unknown: the core never sends those again.
 */
import { DeliveryError } from '../../src/core/errors.ts';

/** Error codes (Node's and undici's) raised before any connection to Discord existed. */
const NEVER_CONNECTED: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Codes of a connection that ended before its answer came. */
const CONNECTION_LOST: ReadonlySet<string> = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/**
 * The failure of a request that can make a message visible. Its message never names ECONNRESET
 * and its name is not AbortError, so REST's own retries never repeat it.
 */
export function sendFailure(error: unknown): DeliveryError {
  const codes = codesOf(error);
  if (codes.length > 0 && codes.every((code) => NEVER_CONNECTED.has(code))) {
    return DeliveryError.transient(`Discord could not be reached (${codes.join(', ')})`, error);
  }
  return DeliveryError.unknown(`Discord may have the request: ${howItEnded(error, codes)}, and no answer came`, error);
}

function howItEnded(error: unknown, codes: readonly string[]): string {
  if (error instanceof Error && error.name === 'AbortError') return 'it timed out';
  if (codes.some((code) => CONNECTION_LOST.has(code))) return 'the connection closed';
  return error instanceof Error ? `it failed (${error.name})` : 'it failed';
}

/**
 * The error codes on an error and its causes. An AggregateError (one per address tried) counts
 * through its errors, so a refusal on every address is still a refusal.
 */
function codesOf(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 4) return [];
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.flatMap((inner: unknown) => codesOf(inner, depth + 1));
  }
  if ('code' in error && typeof error.code === 'string') return [error.code];
  return 'cause' in error ? codesOf(error.cause, depth + 1) : [];
}

/**
 * Whether a request to `/slack/events` is one Slack signed, sent within the last or next five
 * minutes. Bolt refuses only stale timestamps; Slack's rule is five minutes either way, so a
 * request stamped ahead of the clock (signed for a later replay) is refused too.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Slack's window: a request stamped further than this from now, in either direction, is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export type RequestVerdict =
  { readonly ok: true } | { readonly ok: false; readonly status: 401; readonly reason: string };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** `x-slack-signature` = `v0=` + hex HMAC-SHA256(signing secret, `v0:{timestamp}:{raw body}`). */
export function checkSignature(
  headers: IncomingHttpHeaders,
  body: Buffer,
  signingSecret: string,
  now: Date,
): RequestVerdict {
  const timestamp = header(headers, 'x-slack-request-timestamp');
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, status: 401, reason: 'missing or malformed x-slack-request-timestamp' };
  }
  if (Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
    return { ok: false, status: 401, reason: 'timestamp more than five minutes from now' };
  }
  const signature = /^v0=([0-9a-f]{64})$/.exec(header(headers, 'x-slack-signature') ?? '');
  if (!signature?.[1]) return { ok: false, status: 401, reason: 'missing or malformed x-slack-signature' };
  const expected = createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(body).digest();
  if (!timingSafeEqual(Buffer.from(signature[1], 'hex'), expected)) {
    return { ok: false, status: 401, reason: 'signature mismatch' };
  }
  return { ok: true };
}

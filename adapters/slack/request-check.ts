/**
 * Whether a request to `/slack/events` is one Slack signed, sent within the last or next five
 * minutes, and shaped as Slack sends it. Bolt refuses only stale timestamps; Slack's rule is five
 * minutes either way, so a request stamped ahead of the clock (signed for a later replay) is
 * refused too. Bolt also takes any JSON body as a command or an interaction if its fields say so;
 * Slack sends those form-encoded only, and JSON only for the Events API.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Slack's window: a request stamped further than this from now, in either direction, is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
/** The only bodies Slack sends as JSON: Events API envelopes and their kin. */
const ENVELOPE_TYPES: ReadonlySet<unknown> = new Set(['event_callback', 'url_verification', 'app_rate_limited']);

export type RequestVerdict =
  { readonly ok: true } | { readonly ok: false; readonly status: 400 | 401 | 415; readonly reason: string };

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

/** The media type of the body, without parameters (`; charset=…`), lower-cased. */
export function mediaType(headers: IncomingHttpHeaders): string {
  return (header(headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * A JSON body must be an Events API envelope; a form body a slash command (`command=/…`) or an
 * interaction (`payload=` a JSON object with a `type`). Anything else is not from Slack.
 */
export function checkShape(headers: IncomingHttpHeaders, body: Buffer): RequestVerdict {
  const media = mediaType(headers);
  const text = body.toString('utf8');
  if (media === JSON_TYPE) {
    if (ENVELOPE_TYPES.has(parseObject(text)?.['type'])) return { ok: true };
    return { ok: false, status: 400, reason: 'JSON body is not an Events API envelope' };
  }
  if (media === FORM) {
    const form = new URLSearchParams(text);
    const payload = form.get('payload');
    if (payload !== null) {
      if (typeof parseObject(payload)?.['type'] === 'string') return { ok: true };
      return { ok: false, status: 400, reason: 'form payload is not an interaction' };
    }
    if (/^\/\S/.test(form.get('command') ?? '')) return { ok: true };
    return { ok: false, status: 400, reason: 'form body is neither a command nor a payload' };
  }
  return { ok: false, status: 415, reason: 'body is neither JSON nor form-encoded' };
}

function parseObject(text: string): Readonly<Record<string, unknown>> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

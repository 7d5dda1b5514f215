/**
 * Requests shaped and signed as Slack sends them: form-encoded slash commands, `payload=<json>`
 * interactivity, JSON Events API envelopes, with `x-slack-request-timestamp` and
 * `x-slack-signature = v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}"))`.
 */
import { createHmac } from 'node:crypto';

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedPostOptions {
  /** Seconds since the epoch; defaults to now (Slack refuses anything older than 5 minutes). */
  readonly timestamp?: number;
  /** Overrides the computed signature (to forge one). */
  readonly signature?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SlackResponse {
  readonly status: number;
  readonly text: string;
}

export class SlackRequestSender {
  constructor(
    readonly url: string,
    readonly signingSecret: string,
  ) {}

  async post(body: string, contentType: string, options: SignedPostOptions = {}): Promise<SlackResponse> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': options.signature ?? slackSignature(this.signingSecret, timestamp, body),
        ...options.headers,
      },
      body,
    });
    return { status: res.status, text: await res.text() };
  }

  command(fields: SlashCommandFields, options?: SignedPostOptions): Promise<SlackResponse> {
    return this.post(slashCommandBody(fields), 'application/x-www-form-urlencoded', options);
  }

  interaction(payload: object, options?: SignedPostOptions): Promise<SlackResponse> {
    // Slack gives every form submission a trigger_id of its own; a fixture reused for a second
    // submission gets a fresh one here, as a real second submission would.
    const fresh = 'type' in payload && payload.type === 'view_submission' ? { trigger_id: nextTriggerId() } : {};
    return this.post(
      `payload=${encodeURIComponent(JSON.stringify({ ...payload, ...fresh }))}`,
      'application/x-www-form-urlencoded',
      options,
    );
  }

  event(envelope: object, options?: SignedPostOptions): Promise<SlackResponse> {
    return this.post(JSON.stringify(envelope), 'application/json', options);
  }
}

export interface SlashCommandFields {
  readonly command: string;
  readonly text: string;
  readonly teamId?: string;
  readonly channelId?: string;
  readonly channelName?: string;
  readonly userId?: string;
  readonly userName?: string;
  readonly responseUrl: string;
  readonly triggerId?: string;
}

let triggers = 0;
/** A trigger_id in Slack's shape, different on every call (Slack issues one per invocation). */
export function nextTriggerId(): string {
  triggers += 1;
  return `13345224609.738474920.${triggers.toString(16).padStart(12, '0')}`;
}

/** The field order and names of Slack's documented slash-command body. */
export function slashCommandBody(f: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: f.teamId ?? 'T1',
    team_domain: 'example',
    channel_id: f.channelId ?? 'C1',
    channel_name: f.channelName ?? 'job-hunt',
    user_id: f.userId ?? 'U1',
    user_name: f.userName ?? 'alice',
    command: f.command,
    text: f.text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: f.responseUrl,
    trigger_id: f.triggerId ?? nextTriggerId(),
  }).toString();
}

/**
 * A fake of Slack's Web API on loopback that records every call. It answers like Slack does
 * (`{ ok: true, … }` with HTTP 200, `{ ok: false, error }` for platform errors, 429 with
 * Retry-After) and also receives what Bolt posts to response_urls and file upload URLs.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  /** The Web API method (`chat.postMessage`), or `response_url` / `upload` for the other endpoints. */
  readonly method: string;
  /** Form fields or JSON body; `blocks`, `view` and `file_uploads`-like JSON strings are parsed. */
  readonly params: Readonly<Record<string, unknown>>;
  /** What the fake answered (the JSON body), for checking what the adapter made of it. */
  readonly response: Readonly<Record<string, unknown>>;
}

export type ScriptedFailure =
  { readonly error: string } | { readonly status: number; readonly retryAfterSeconds?: number };

export interface FakeUser {
  readonly id: string;
  readonly name: string;
  readonly tz?: string;
  readonly isBot?: boolean;
}

const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'files', 'metadata']);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseParams(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) {
    const parsed: unknown = raw.length > 0 ? JSON.parse(raw) : {};
    return typeof parsed === 'object' && parsed !== null ? { ...parsed } : {};
  }
  if (!contentType.includes('application/x-www-form-urlencoded')) return { bytes: raw.length };
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return params;
}

export class FakeSlackWebApi {
  readonly calls: RecordedCall[] = [];
  readonly #failures = new Map<string, ScriptedFailure[]>();
  readonly #users = new Map<string, FakeUser>();
  readonly #answers = new Map<string, Record<string, unknown>>();
  readonly #delays = new Map<string, number>();
  #server: Server | null = null;
  #ts = 1_700_000_000;
  #fileId = 0;
  baseUrl = '';

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      this.#answer(req).then(
        ({ status, headers, body }) => {
          res.writeHead(status, headers);
          res.end(body);
        },
        (error: unknown) => {
          // A body the fake cannot read is the caller's bug: answer like a broken server, keep running.
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end(error instanceof Error ? error.message : 'bad request');
        },
      );
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Where Bolt's WebClient should send calls (`slackApiUrl`). */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A response_url that records what is posted to it. */
  responseUrl(name = 'r1'): string {
    return `${this.baseUrl}/response/${name}`;
  }

  addUser(user: FakeUser): void {
    this.#users.set(user.id, user);
  }

  /** Every call of `method` is answered with this body from now on. */
  answer(method: string, body: Record<string, unknown>): void {
    this.#answers.set(method, body);
  }

  /** Every later call of `method` is answered only after `ms` (recorded when it arrives). */
  slowDown(method: string, ms: number): void {
    this.#delays.set(method, ms);
  }

  /** The next call(s) of `method` fail this way, in order. */
  failNext(method: string, ...failures: ScriptedFailure[]): void {
    this.#failures.set(method, [...(this.#failures.get(method) ?? []), ...failures]);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  reset(): void {
    this.calls.length = 0;
    this.#failures.clear();
  }

  async #answer(req: IncomingMessage): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const params = parseParams(raw, req.headers['content-type'] ?? '');
    const method = path.startsWith('/api/')
      ? path.slice('/api/'.length)
      : path.startsWith('/response/')
        ? 'response_url'
        : path.startsWith('/upload/')
          ? 'upload'
          : path;
    const failure = this.#failures.get(method)?.shift();
    const delay = this.#delays.get(method);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (failure && 'status' in failure) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
      const response = { ok: false, error: 'ratelimited' };
      this.calls.push({ method, params, response });
      return { status: failure.status, headers, body: JSON.stringify(response) };
    }
    const body = failure
      ? { ok: false, error: failure.error }
      : (this.#answers.get(method) ?? this.#result(method, params));
    this.calls.push({ method, params, response: body });
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  }

  #nextTs(): string {
    this.#ts += 1;
    return `${this.#ts}.000100`;
  }

  #result(method: string, params: Record<string, unknown>): Record<string, unknown> {
    const str = (key: string): string => (typeof params[key] === 'string' ? (params[key] as string) : '');
    switch (method) {
      case 'chat.postMessage': {
        const channel = str('channel');
        return { ok: true, channel: channel.startsWith('U') ? `D${channel.slice(1)}` : channel, ts: this.#nextTs() };
      }
      case 'chat.update':
      case 'chat.delete':
        return { ok: true, channel: str('channel'), ts: str('ts') };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.#nextTs() };
      case 'conversations.open': {
        const user = str('users');
        return { ok: true, channel: { id: `D${user.slice(1)}` } };
      }
      case 'users.info': {
        const user = this.#users.get(str('user'));
        const id = str('user');
        return {
          ok: true,
          user: {
            id,
            name: user?.name ?? id.toLowerCase(),
            is_bot: user?.isBot ?? false,
            ...(user?.tz ? { tz: user.tz } : {}),
            profile: { display_name: user?.name ?? '', real_name: user?.name ?? id },
          },
        };
      }
      case 'views.open':
      case 'views.update':
        return { ok: true, view: { id: 'V0FAKE' } };
      case 'files.getUploadURLExternal':
        this.#fileId += 1;
        return { ok: true, upload_url: `${this.baseUrl}/upload/F${this.#fileId}`, file_id: `F${this.#fileId}` };
      case 'files.completeUploadExternal':
        return { ok: true, files: [{ id: `F${this.#fileId}` }] };
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' };
      default:
        return { ok: true };
    }
  }
}

/**
 * A fake of Slack's Web API on loopback that records every call. It answers like Slack does
 * (`{ ok: true, … }` with HTTP 200, `{ ok: false, error }` for platform errors, 429 with
 * Retry-After) and also receives what Bolt posts to response_urls and file upload URLs.
 *
 * Faults to drive a client through: `failNext` scripts the next calls of a method; `outage` plays
 * a fault for a while or until `clearOutage` (see `OutageMode`); `enforceLimits` answers 429 when
 * chat.postMessage goes faster than Slack allows; `latency` and `slowDown` delay answers.
 *
 * OAuth (`slack-oauth-fake.ts`): `allowInstall` makes `oauth.v2.access` answer a code with that
 * workspace's bot token (in the documented response shape), and a refresh token with the next
 * token of a rotating install; `auth.test` answers any of them with the workspace's bot ids.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlackFaults, type EnforcedLimits, type Outage, type ScriptedFailure } from './slack-faults.ts';
import { FakeSlackOAuth, type FakeInstall } from './slack-oauth-fake.ts';

export type { EnforcedLimits, Outage, OutageMode, ScriptedFailure } from './slack-faults.ts';
export type { FakeInstall } from './slack-oauth-fake.ts';

export interface RecordedCall {
  /** The Web API method (`chat.postMessage`), or `response_url` / `upload` for the other endpoints. */
  readonly method: string;
  /** Form fields or JSON body; `blocks`, `view` and `file_uploads`-like JSON strings are parsed. */
  readonly params: Readonly<Record<string, unknown>>;
  /** What the fake answered (the JSON body), for checking what the adapter made of it; `{}` when it gave no answer. */
  readonly response: Readonly<Record<string, unknown>>;
  /** The HTTP status answered; null when the fake read the request and gave no answer (a reset, a hang). */
  readonly status: number | null;
  /** The bot token the call was made with (`Authorization: Bearer …` or a `token` field); '' when none. */
  readonly token: string;
}

type Answer =
  | { readonly status: number; readonly headers: Record<string, string>; readonly body: Record<string, unknown> }
  | { readonly fault: 'reset-after-request' | 'hang' };

const json = { 'content-type': 'application/json' };

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
  readonly #faults = new SlackFaults();
  readonly #users = new Map<string, FakeUser>();
  readonly #answers = new Map<string, Record<string, unknown>>();
  readonly #delays = new Map<string, number>();
  readonly #oauth = new FakeSlackOAuth();
  #latencyMs = 0;
  #refusing = false;
  #port = 0;
  #server: Server | null = null;
  #ts = 1_700_000_000;
  #fileId = 0;
  baseUrl = '';

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      this.#answer(req).then(
        (answer) => this.#send(req, res, answer),
        (error: unknown) => {
          // A body the fake cannot read is the caller's bug: answer like a broken server, keep running.
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end(error instanceof Error ? error.message : 'bad request');
        },
      );
    });
    await this.#listen(0);
    this.#port = (this.#server.address() as AddressInfo).port;
    this.baseUrl = `http://127.0.0.1:${this.#port}`;
    return this;
  }

  async stop(): Promise<void> {
    const refusing = this.#refusing;
    this.#faults.end();
    const server = this.#server;
    if (!server || refusing) return;
    await this.#close(server);
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

  /**
   * `oauth.v2.access` with `install.code` installs the app in `install.teamId`; with a
   * `refreshToken`, the install rotates its tokens and that refresh token gets the next one.
   */
  allowInstall(install: FakeInstall): void {
    this.#oauth.allow(install);
  }

  /** Every call of `method` is answered with this body from now on. */
  answer(method: string, body: Record<string, unknown>): void {
    this.#answers.set(method, body);
  }

  /** Every later call of `method` is answered only after `ms` (recorded when it arrives). */
  slowDown(method: string, ms: number): void {
    this.#delays.set(method, ms);
  }

  /** Every later call of any method is answered only after `ms` more (on top of `slowDown`); 0 ends it. */
  latency(ms: number): void {
    this.#latencyMs = ms;
  }

  /** The next call(s) of `method` fail this way, in order (before any outage or limit). */
  failNext(method: string, ...failures: ScriptedFailure[]): void {
    this.#faults.script(method, failures);
  }

  /** Plays a fault (see `OutageMode`) for one method or all, for `forMs` or until cleared. */
  async outage(outage: Outage): Promise<void> {
    if (outage.mode === 'refuse' && outage.method) throw new Error('refuse stops the whole listener: give no method');
    this.#faults.play(outage, (key) => void this.#end([key]));
    if (outage.mode === 'refuse' && !this.#refusing && this.#server) {
      this.#refusing = true;
      await this.#close(this.#server);
      // Clients notice their pooled sockets closing within a moment, as they would in any real
      // outage; a request written on one in the same instant would fail as sent, then reset.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Ends the outage of `method`, or of every method when absent (listening again after `refuse`). */
  async clearOutage(method?: string): Promise<void> {
    await this.#end(method === undefined ? undefined : [method]);
  }

  async #end(keys?: readonly string[]): Promise<void> {
    this.#faults.end(keys);
    if (this.#refusing && !this.#faults.refusing) {
      this.#refusing = false;
      await this.#listen(this.#port);
    }
  }

  /** Answers chat.postMessage with 429 beyond these limits from now on; null stops enforcing. */
  enforceLimits(limits: EnforcedLimits | null): void {
    this.#faults.enforce(limits);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Forgets the calls and the scripted failures; outages, limits and latency stay until cleared. */
  reset(): void {
    this.calls.length = 0;
    this.#faults.clearScripts();
  }

  #listen(port: number): Promise<void> {
    const server = this.#server;
    return new Promise((resolve, reject) => {
      server?.once('error', reject);
      server?.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  #close(server: Server): Promise<void> {
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  #send(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
    if ('fault' in answer) {
      // A hanging request is left open; `stop` or `refuse` closes its socket.
      if (answer.fault === 'reset-after-request') req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.end(JSON.stringify(answer.body));
  }

  async #answer(req: IncomingMessage): Promise<Answer> {
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
    const token = req.headers.authorization ?? String(params['token'] ?? '');
    const bearer = token.replace(/^Bearer /, '');
    const failure = this.#faults.meet(method, params, token);
    const delay = (this.#delays.get(method) ?? 0) + this.#latencyMs;
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (failure && 'fault' in failure) {
      this.calls.push({ method, params, response: {}, status: null, token: bearer });
      return failure;
    }
    if (failure && 'status' in failure) {
      const headers: Record<string, string> = { ...json };
      if (failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
      const response = { ok: false, error: failure.status === 429 ? 'ratelimited' : 'internal_error' };
      this.calls.push({ method, params, response, status: failure.status, token: bearer });
      return { status: failure.status, headers, body: response };
    }
    const body = failure
      ? { ok: false, error: failure.error }
      : (this.#answers.get(method) ?? this.#result(method, params, bearer));
    this.calls.push({ method, params, response: body, status: 200, token: bearer });
    return { status: 200, headers: json, body };
  }

  #nextTs(): string {
    this.#ts += 1;
    return `${this.#ts}.000100`;
  }

  #result(method: string, params: Record<string, unknown>, token: string): Record<string, unknown> {
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
      case 'auth.test': {
        const installed = this.#oauth.installOf(token);
        if (installed) {
          return { ok: true, user_id: installed.botUserId, bot_id: installed.botId, team_id: installed.teamId };
        }
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' };
      }
      case 'oauth.v2.access':
        return this.#oauth.access(params);
      default:
        return { ok: true };
    }
  }
}

/**
 * A local fake of Discord's REST API (v10) that records every call. It answers the routes the
 * adapter and discord.js use with documented shapes; a test can script another answer (an
 * error, a 429) for the next call to a route with `failNext`, put a route (or every route) in a
 * fault mode with `fault`, answer after a delay (`latencyMs`) and enforce Discord's rate limits
 * (`enforceLimits`: the global limit per token, per-route buckets with their headers).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { MESSAGE_CREATE_BUCKET, RateLimiter, type RateLimits } from './discord-rate-limits.ts';

export { MESSAGE_CREATE_BUCKET, type BucketRule, type RateLimits } from './discord-rate-limits.ts';

export interface RecordedCall {
  readonly method: string;
  /** The path after `/api/v10`, e.g. `/channels/123/messages`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The JSON body (for multipart requests, the `payload_json` part). */
  readonly body: unknown;
  /** Names of files sent with a multipart request. */
  readonly fileNames: readonly string[];
  readonly authorization: string | undefined;
  /** `performance.now()` when the request had arrived whole. */
  readonly at: number;
  /** What the fake answered; status 0 when it answered nothing (a `reset` or `hang` fault). */
  readonly answer: ScriptedAnswer;
  /** The fault that answered, if one did. */
  readonly fault?: Fault['kind'];
}

export interface ScriptedAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A way for a route to fail: `rate-limit` answers 429 (`global` as the global limit does, with
 * `X-RateLimit-Global`), `server-error` answers 500 (or `status`), `reset` reads the request and
 * destroys the connection without answering, `hang` reads it and never answers.
 */
export type Fault =
  | { readonly kind: 'rate-limit'; readonly retryAfterMs: number; readonly global?: boolean }
  | { readonly kind: 'server-error'; readonly status?: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'hang' };

export interface FaultScope {
  /** Only this method; every method when absent. */
  readonly method?: string;
  /** Only paths matching this; every path when absent. */
  readonly path?: RegExp;
  /** The fault lifts after this many calls; it stays until lifted when absent. */
  readonly times?: number;
}

interface ActiveFault {
  readonly fault: Fault;
  readonly scope: FaultScope;
  left: number;
}

interface Waiter {
  readonly match: (call: RecordedCall) => boolean;
  readonly resolve: (call: RecordedCall) => void;
}

export const FAKE_BOT_ID = '1100000000000000001';
let snowflake = 1_300_000_000_000_000_000n;
export function nextSnowflake(): string {
  snowflake += 1n;
  return snowflake.toString();
}

/** A message object as Discord returns it from a create or edit. */
export function apiMessage(channelId: string, body: unknown, id = nextSnowflake()): Record<string, unknown> {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return {
    id,
    channel_id: channelId,
    type: 0,
    content: typeof fields['content'] === 'string' ? fields['content'] : '',
    embeds: Array.isArray(fields['embeds']) ? fields['embeds'] : [],
    components: Array.isArray(fields['components']) ? fields['components'] : [],
    author: { id: FAKE_BOT_ID, username: 'Rebound', discriminator: '0', avatar: null, global_name: null, bot: true },
    timestamp: '2026-11-26T09:00:00.000000+00:00',
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
    flags: typeof fields['flags'] === 'number' ? fields['flags'] : 0,
  };
}

export class FakeDiscordRest {
  readonly calls: RecordedCall[] = [];
  /** Commands registered per route (`/applications/A/commands` or `.../guilds/G/commands`). */
  readonly registeredCommands = new Map<string, unknown[]>();
  /** What `GET /gateway/bot` hands out as the gateway url. */
  gatewayUrl = 'ws://127.0.0.1:1';
  /** When set, every call authorised with another token is answered 401, as Discord answers a wrong token. */
  acceptedToken: string | null = null;
  /** How long the fake waits, once a request has arrived, before it answers (or faults). */
  latencyMs = 0;
  #limits: RateLimiter | null = null;
  #faults: ActiveFault[] = [];
  #dmChannels = new Map<string, string>();
  #scripted: { method: string; path: RegExp; answer: ScriptedAnswer }[] = [];
  #waiters: Waiter[] = [];
  #server: Server;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<FakeDiscordRest> {
    const server = createServer();
    const fake = new FakeDiscordRest(server);
    server.on('request', (req, res) => void fake.#handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The REST base to give discord.js (`rest.api`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api`;
  }

  /** The id of the DM channel the fake opens (or opened) with this user. */
  dmChannelOf(userId: string): string {
    const known = this.#dmChannels.get(userId);
    if (known) return known;
    const id = nextSnowflake();
    this.#dmChannels.set(userId, id);
    return id;
  }

  /** The next call to `method` on a path matching `path` gets this answer instead. */
  failNext(method: string, path: RegExp, answer: ScriptedAnswer): void {
    this.#scripted.push({ method, path, answer });
  }

  /**
   * Enforces Discord's rate limits from now on; by default the global 50 requests per second per
   * token and message create's 5 per 5 s per channel. `null` stops enforcing them.
   */
  enforceLimits(limits: RateLimits | null = { globalPerSecond: 50, buckets: [MESSAGE_CREATE_BUCKET] }): void {
    this.#limits = limits && new RateLimiter(limits);
  }

  /** Puts the calls in `scope` (all of them by default) in a fault mode; the result lifts it. */
  fault(fault: Fault, scope: FaultScope = {}): () => void {
    const active: ActiveFault = { fault, scope, left: scope.times ?? Number.POSITIVE_INFINITY };
    this.#faults.push(active);
    return () => {
      const index = this.#faults.indexOf(active);
      if (index >= 0) this.#faults.splice(index, 1);
    };
  }

  /** Resolves with the first call (recorded already or to come) that matches. */
  waitFor(match: (call: RecordedCall) => boolean): Promise<RecordedCall> {
    const seen = this.calls.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.#waiters.push({ match, resolve }));
  }

  /** Resolves with the next call to the route. */
  waitForCall(method: string, path: RegExp): Promise<RecordedCall> {
    return this.waitFor((c) => c.method === method && path.test(c.path));
  }

  callsTo(method: string, path: RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    const at = performance.now();
    const { body, fileNames } = parseBody(req.headers['content-type'] ?? '', raw);
    const request = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname).replace(/^\/api\/v10/, ''),
      query: url.searchParams,
      body,
      fileNames,
      authorization: req.headers.authorization,
      at,
    };
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const { answer, fault } = this.#answer(request);
    const call: RecordedCall = { ...request, answer, ...(fault && { fault }) };
    this.calls.push(call);
    if (fault === 'reset') req.socket.destroy();
    else if (fault !== 'hang') send(res, answer);
    // Waiters run after the answer is on its way, so an awaited call has been answered.
    for (const waiter of [...this.#waiters]) {
      if (waiter.match(call)) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  }

  /** In order: a wrong token, the global limit, a fault, the route's bucket, a scripted answer, the route's own. */
  #answer(request: Omit<RecordedCall, 'answer'>): { answer: ScriptedAnswer; fault?: Fault['kind'] } {
    if (this.acceptedToken !== null && request.authorization !== `Bot ${this.acceptedToken}`) {
      return { answer: { status: 401, body: { message: '401: Unauthorized', code: 0 } } };
    }
    const now = performance.now();
    const overGlobal = this.#limits?.global(request.authorization ?? '', now);
    if (overGlobal) return { answer: overGlobal };
    const fault = this.#takeFault(request);
    if (fault) return { answer: faultAnswer(fault), fault: fault.kind };
    const bucket = this.#limits?.bucket(request.method, request.path, now);
    if (bucket?.refusal) return { answer: bucket.refusal };
    const answer = this.#takeScripted(request) ?? this.#defaultAnswer(request);
    return { answer: bucket ? { ...answer, headers: { ...bucket.headers, ...answer.headers } } : answer };
  }

  #takeFault(call: Omit<RecordedCall, 'answer'>): Fault | undefined {
    const active = this.#faults.find(
      (f) => (f.scope.method ?? call.method) === call.method && (f.scope.path?.test(call.path) ?? true),
    );
    if (!active) return undefined;
    active.left -= 1;
    if (active.left <= 0) this.#faults.splice(this.#faults.indexOf(active), 1);
    return active.fault;
  }

  #takeScripted(call: Omit<RecordedCall, 'answer'>): ScriptedAnswer | undefined {
    const index = this.#scripted.findIndex((s) => s.method === call.method && s.path.test(call.path));
    if (index < 0) return undefined;
    return this.#scripted.splice(index, 1)[0]?.answer;
  }

  #defaultAnswer(call: Omit<RecordedCall, 'answer'>): ScriptedAnswer {
    const { method, path, body } = call;
    let m: RegExpExecArray | null;
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return { status: 204 };
    if ((m = /^\/webhooks\/\d+\/[^/]+\/messages\/(@original|\d+)$/.exec(path))) {
      if (method === 'DELETE') return { status: 204 };
      return { status: 200, body: apiMessage('0', body, m[1] === '@original' ? nextSnowflake() : m[1]) };
    }
    if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) return { status: 200, body: apiMessage('0', body) };
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST')
      return { status: 200, body: apiMessage(m[1] ?? '', body) };
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
      if (method === 'DELETE') return { status: 204 };
      return { status: 200, body: apiMessage(m[1] ?? '', body, m[2]) };
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path)) && method === 'POST') {
      const name = typeof body === 'object' && body !== null && 'name' in body ? body.name : 'thread';
      return {
        status: 201,
        body: {
          id: m[2],
          type: 11,
          guild_id: '0',
          parent_id: m[1],
          name,
          owner_id: FAKE_BOT_ID,
          thread_metadata: {
            archived: false,
            auto_archive_duration: 1440,
            locked: false,
            archive_timestamp: '2026-11-26T09:00:00.000000+00:00',
          },
        },
      };
    }
    if (method === 'PUT' && /^\/channels\/\d+\/messages\/\d+\/reactions\/[^/]+\/@me$/.test(path))
      return { status: 204 };
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient =
        typeof body === 'object' && body !== null && 'recipient_id' in body ? String(body.recipient_id) : '0';
      const dmId = this.dmChannelOf(recipient);
      return {
        status: 200,
        body: {
          id: dmId,
          type: 1,
          recipients: [{ id: recipient, username: 'someone', discriminator: '0', avatar: null, global_name: null }],
        },
      };
    }
    if (/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      if (method === 'PUT') {
        const commands = (Array.isArray(body) ? body : []).map((c: unknown, i) => ({
          ...(c as object),
          id: String(1_200_000_000_000_000_000n + BigInt(i)),
          application_id: '0',
          version: '1',
          nsfw: false,
          description_localizations: null,
          name_localizations: null,
        }));
        this.registeredCommands.set(path, commands);
        return { status: 200, body: commands };
      }
      return { status: 200, body: this.registeredCommands.get(path) ?? [] };
    }
    if (method === 'GET' && path === '/gateway/bot') {
      return {
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      };
    }
    return { status: 404, body: { message: `fake has no route ${method} ${path}`, code: 0 } };
  }
}

function faultAnswer(fault: Fault): ScriptedAnswer {
  switch (fault.kind) {
    case 'rate-limit': {
      const retryAfter = (fault.retryAfterMs / 1000).toFixed(3);
      const global = fault.global ?? false;
      return {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: fault.retryAfterMs / 1000, global, code: 0 },
        headers: global
          ? { 'retry-after': retryAfter, 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' }
          : { 'retry-after': retryAfter, 'x-ratelimit-scope': 'user' },
      };
    }
    case 'server-error':
      return { status: fault.status ?? 500, body: { message: '500: Internal Server Error', code: 0 } };
    case 'reset':
    case 'hang':
      return { status: 0 };
  }
}

function send(res: ServerResponse, answer: ScriptedAnswer): void {
  // Discord.js throws on an empty JSON body: a 204 goes out with no content type at all.
  if (answer.body === undefined) {
    res.writeHead(answer.status, answer.headers ?? {});
    res.end();
    return;
  }
  res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  res.end(JSON.stringify(answer.body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseBody(contentType: string, raw: Buffer): { body: unknown; fileNames: string[] } {
  if (raw.length === 0) return { body: undefined, fileNames: [] };
  if (contentType.startsWith('multipart/form-data')) {
    const text = raw.toString('latin1');
    const json = /name="payload_json"[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/.exec(text)?.[1];
    const fileNames = [...text.matchAll(/name="files\[\d+\]"; filename="([^"]+)"/g)].map((m) => m[1] ?? '');
    return { body: json ? JSON.parse(Buffer.from(json, 'latin1').toString('utf8')) : undefined, fileNames };
  }
  return { body: JSON.parse(raw.toString('utf8')), fileNames: [] };
}

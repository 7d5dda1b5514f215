/**
 * A fake Discord REST API (v10) for the delivery benchmark, with Discord's rate limits and every
 * answer 50 ms after the request arrived. It counts what a drain is judged by: which users got an
 * accepted DM and when, DM channels created, posts to other channels, and when each interaction's
 * callback arrived.
 *
 * Limits, decided when a request arrives; a refused request counts against none of them:
 *  - global: 50 requests per second per token (a fixed 1-second window starting at the first
 *    request after the last one ended, as discord.js counts it). Interaction callbacks and
 *    interaction webhooks are exempt, as Discord documents. Over it: 429 with `global: true`,
 *    `X-RateLimit-Global: true`, `X-RateLimit-Scope: global`.
 *  - per-route buckets, with `X-RateLimit-Bucket`, `-Limit`, `-Remaining`, `-Reset-After` on every
 *    answer. Discord publishes no per-route figures (its clients read them from these headers),
 *    so both are documented guesses: POST /channels/:id/messages 5 per 5 s per channel (what
 *    sending messages is commonly seen to get); POST /users/@me/channels one bucket per token of
 *    50 per second, no tighter than the global limit, so that the floor (which counts DM
 *    creations at the global rate) stays reachable. Over one: 429 with `X-RateLimit-Scope: user`.
 * A 429 carries `Retry-After` in whole seconds (rounded up) and `retry_after` in the body in
 * seconds with decimals, as Discord sends them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiMessage } from '../../test/fakes/discord-rest.ts';
import { FixedWindow, Windows } from './delivery-limits.ts';

export const ANSWER_DELAY_MS = 50;
export const GLOBAL_PER_SECOND = 50;

interface Bucket {
  readonly hash: string;
  readonly limit: number;
  readonly windowMs: number;
}
const CHANNEL_MESSAGES: Bucket = { hash: 'bench-channel-messages', limit: 5, windowMs: 5000 };
const CREATE_DM: Bucket = { hash: 'bench-create-dm', limit: 50, windowMs: 1000 };

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw || !(req.headers['content-type'] ?? '').includes('application/json')) return undefined;
  return JSON.parse(raw);
}

const field = (body: unknown, name: string): string =>
  typeof body === 'object' && body !== null && name in body ? String((body as Record<string, unknown>)[name]) : '';
const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

export class LimitedDiscordRest {
  /** Accepted DMs per user id. */
  readonly dms = new Map<string, number>();
  /** When each user's first accepted DM arrived (`performance.now()`). */
  readonly firstDmAt = new Map<string, number>();
  /** When each user's DM channel was first created. */
  readonly dmCreatedAt = new Map<string, number>();
  /** Arrival times of accepted messages to channels that are not DMs. */
  readonly channelPosts: number[] = [];
  /** When each interaction's first callback arrived, by interaction id. */
  readonly callbacks = new Map<string, number>();
  readonly calls = new Map<string, number>();
  readonly refused = { global: 0, route: 0 };
  /** Routes the fake has no answer for (answered 404), with how many calls: a sign the fake is missing one. */
  readonly unknown = new Map<string, number>();
  /** What `GET /gateway/bot` hands out. */
  gatewayUrl = 'ws://127.0.0.1:1';
  readonly #global = new Windows(() => new FixedWindow(GLOBAL_PER_SECOND, 1000));
  readonly #bucketOf = new Map<string, FixedWindow>();
  readonly #dmChannels = new Map<string, string>();
  readonly #dmUsers = new Map<string, string>();
  readonly #commands = new Map<string, unknown[]>();
  readonly #waiters: { readonly users: number; readonly resolve: () => void }[] = [];
  #server: Server | null = null;

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.#handle(req, res));
    server.keepAliveTimeout = 60_000;
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The REST base to give Rebound (`DISCORD_API_URL`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${(this.#server?.address() as AddressInfo).port}/api`;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once `users` distinct users have an accepted DM. */
  reached(users: number): Promise<void> {
    if (this.firstDmAt.size >= users) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ users, resolve }));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = performance.now();
    let answer: Answer;
    try {
      const body = await readJson(req);
      const path = new URL(req.url ?? '/', 'http://fake').pathname.replace(/^\/api\/v10/, '');
      answer = this.#answer(req.method ?? 'GET', path, body, req.headers.authorization ?? '', now);
    } catch (error) {
      answer = { status: 400, headers: {}, body: { message: String(error), code: 0 } };
    }
    setTimeout(() => {
      if (answer.body === undefined) {
        // discord.js throws on an empty JSON body: a 204 goes out with no content type.
        res.writeHead(answer.status, answer.headers).end();
      } else {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body));
      }
    }, ANSWER_DELAY_MS);
  }

  #answer(method: string, path: string, body: unknown, token: string, now: number): Answer {
    const route = `${method} ${path.replace(/^\/(interactions|webhooks)\/(\d+)\/[^/]+/, '/$1/$2/:token').replace(/\d{5,}/g, ':id')}`;
    this.calls.set(route, (this.calls.get(route) ?? 0) + 1);
    let m: RegExpExecArray | null;
    if (method === 'POST' && (m = /^\/interactions\/(\d+)\/[^/]+\/callback$/.exec(path))) {
      if (!this.callbacks.has(m[1] ?? '')) this.callbacks.set(m[1] ?? '', now);
      return { status: 204, headers: {} };
    }
    if (path.startsWith('/webhooks/')) {
      return method === 'DELETE'
        ? { status: 204, headers: {} }
        : { status: 200, headers: {}, body: apiMessage('0', body) };
    }

    const messages = method === 'POST' ? /^\/channels\/(\d+)\/messages$/.exec(path) : null;
    const createDm = method === 'POST' && path === '/users/@me/channels';
    const bucket = messages ? CHANNEL_MESSAGES : createDm ? CREATE_DM : null;
    const window = bucket ? this.#bucket(bucket, messages ? (messages[1] ?? '') : token) : null;
    const global = this.#global.of(token);
    if (global.wait(now) > 0) {
      this.refused.global++;
      const wait = global.wait(now);
      return {
        status: 429,
        headers: {
          'retry-after': String(Math.ceil(wait / 1000)),
          'x-ratelimit-global': 'true',
          'x-ratelimit-scope': 'global',
        },
        body: { message: 'You are being rate limited.', retry_after: Number(seconds(wait)), global: true, code: 0 },
      };
    }
    const headers = (w: FixedWindow, b: Bucket): Record<string, string> => ({
      'x-ratelimit-bucket': b.hash,
      'x-ratelimit-limit': String(b.limit),
      'x-ratelimit-remaining': String(w.remaining(now)),
      'x-ratelimit-reset-after': seconds(w.resetAfterMs(now)),
      'x-ratelimit-reset': seconds(Date.now() + w.resetAfterMs(now)),
    });
    if (window && bucket && window.wait(now) > 0) {
      this.refused.route++;
      const wait = window.wait(now);
      return {
        status: 429,
        headers: {
          ...headers(window, bucket),
          'retry-after': String(Math.ceil(wait / 1000)),
          'x-ratelimit-scope': 'user',
        },
        body: { message: 'You are being rate limited.', retry_after: Number(seconds(wait)), global: false, code: 0 },
      };
    }
    global.take(now);
    window?.take(now);
    const limited = window && bucket ? headers(window, bucket) : {};

    if (messages) {
      const channelId = messages[1] ?? '';
      const user = this.#dmUsers.get(channelId);
      if (user) this.#dm(user, now);
      else this.channelPosts.push(now);
      return { status: 200, headers: limited, body: apiMessage(channelId, body) };
    }
    if (createDm) {
      const recipient = field(body, 'recipient_id');
      if (!this.dmCreatedAt.has(recipient)) this.dmCreatedAt.set(recipient, now);
      return {
        status: 200,
        headers: limited,
        body: {
          id: this.#dmChannel(recipient),
          type: 1,
          recipients: [{ id: recipient, username: 'member', discriminator: '0', avatar: null, global_name: null }],
        },
      };
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
      if (method === 'DELETE') return { status: 204, headers: {} };
      return { status: 200, headers: {}, body: apiMessage(m[1] ?? '', body, m[2]) };
    }
    if (/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      if (method === 'PUT') {
        const commands = (Array.isArray(body) ? body : []).map((c: unknown, i) => ({
          ...(c as object),
          id: String(1_200_000_000_000_000_000n + BigInt(i)),
          application_id: '0',
          version: '1',
        }));
        this.#commands.set(path, commands);
      }
      return { status: 200, headers: {}, body: this.#commands.get(path) ?? [] };
    }
    if (method === 'GET' && path === '/gateway/bot') {
      return {
        status: 200,
        headers: {},
        body: {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      };
    }
    this.unknown.set(route, (this.unknown.get(route) ?? 0) + 1);
    return { status: 404, headers: {}, body: { message: `no route ${method} ${path} in the fake`, code: 0 } };
  }

  /** The bucket window for a route's major parameter (the channel) or the token. */
  #bucket(bucket: Bucket, key: string): FixedWindow {
    const id = `${bucket.hash}:${key}`;
    let window = this.#bucketOf.get(id);
    if (!window) this.#bucketOf.set(id, (window = new FixedWindow(bucket.limit, bucket.windowMs)));
    return window;
  }

  #dmChannel(userId: string): string {
    let id = this.#dmChannels.get(userId);
    if (!id) {
      id = String(900_000_000_000_000_000n + BigInt(this.#dmChannels.size + 1));
      this.#dmChannels.set(userId, id);
      this.#dmUsers.set(id, userId);
    }
    return id;
  }

  #dm(user: string, now: number): void {
    this.dms.set(user, (this.dms.get(user) ?? 0) + 1);
    if (this.firstDmAt.has(user)) return;
    this.firstDmAt.set(user, now);
    for (const waiter of [...this.#waiters]) {
      if (this.firstDmAt.size < waiter.users) continue;
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}

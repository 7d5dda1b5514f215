/**
 * A fake Slack Web API for the delivery benchmark, with Slack's limits scaled tenfold and every
 * answer 50 ms after the request arrived. It counts what a drain is judged by: which members got
 * an accepted DM and when, and how many posts went to channels.
 *
 * Limits (Slack's documented figures × 10), decided when a request arrives:
 *  - chat.postMessage: 10 per second per channel (a DM counts for its DM channel, whether it was
 *    addressed to `U…` or `D…`), and a per-workspace budget of 3,000 per minute enforced as a
 *    sliding window of 50 in any 1,000 ms;
 *  - conversations.open (Tier 3, 50+ per minute): 500 in any 60 s; users.info (Tier 4, 100+ per
 *    minute): 1,000 in any 60 s.
 * Over a limit: HTTP 429, `Retry-After` in whole seconds (rounded up), `{ ok: false, error:
 * "ratelimited" }`, as Slack answers. A refused call counts against no limit. Other methods and
 * response_url posts are not limited.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { longestWait, SlidingWindow, Windows } from './delivery-limits.ts';

export const ANSWER_DELAY_MS = 50;

/** Slack's limits, scaled tenfold. */
export const SCALED_SLACK_LIMITS = {
  postsPerChannelPerSecond: 10,
  postsPerWorkspacePerMinute: 3_000,
  /** The per-workspace budget as enforced: this many in any 1,000 ms. */
  postsPerWorkspacePerSecond: 50,
  tierPerMinute: { 'conversations.open': 500, 'users.info': 1_000 } as Readonly<Record<string, number>>,
} as const;

type Answer = { readonly status: number; readonly headers: Record<string, string>; readonly body: string };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function params(raw: string, contentType: string): Map<string, string> {
  if (contentType.includes('application/json')) {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    const fields = new Map<string, string>();
    if (typeof parsed === 'object' && parsed !== null)
      for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') fields.set(k, v);
    return fields;
  }
  return new Map(new URLSearchParams(raw));
}

const json = (status: number, body: object, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export class LimitedSlackApi {
  /** Accepted DMs per user id. */
  readonly dms = new Map<string, number>();
  /** When each user's first accepted DM arrived (`performance.now()`). */
  readonly firstDmAt = new Map<string, number>();
  /** Arrival times of accepted chat.postMessage calls to channels (not DMs). */
  readonly channelPosts: number[] = [];
  /** Calls that arrived, and calls answered 429, per method. */
  readonly calls = new Map<string, number>();
  readonly refused = new Map<string, number>();
  baseUrl = '';
  readonly #perChannel = new Windows(() => new SlidingWindow(SCALED_SLACK_LIMITS.postsPerChannelPerSecond, 1000));
  readonly #workspace = new SlidingWindow(SCALED_SLACK_LIMITS.postsPerWorkspacePerSecond, 1000);
  readonly #tiers = new Map(
    Object.entries(SCALED_SLACK_LIMITS.tierPerMinute).map(([method, limit]) => [
      method,
      new SlidingWindow(limit, 60_000),
    ]),
  );
  readonly #waiters: { readonly users: number; readonly resolve: () => void }[] = [];
  #server: Server | null = null;
  #ts = 1_700_000_000;

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.#handle(req, res));
    server.keepAliveTimeout = 60_000;
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
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

  count(method: string): number {
    return this.calls.get(method) ?? 0;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let answer: Answer;
    try {
      const raw = await readBody(req);
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      answer = this.#answer(path, params(raw, req.headers['content-type'] ?? ''), performance.now());
    } catch (error) {
      answer = { status: 400, headers: { 'content-type': 'text/plain' }, body: String(error) };
    }
    setTimeout(() => {
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    }, ANSWER_DELAY_MS);
  }

  #answer(path: string, fields: Map<string, string>, now: number): Answer {
    const method = path.startsWith('/api/')
      ? path.slice('/api/'.length)
      : path.startsWith('/response/')
        ? 'response_url'
        : path;
    this.calls.set(method, this.count(method) + 1);
    const field = (name: string) => fields.get(name) ?? '';
    const windows: SlidingWindow[] = [];
    const tier = this.#tiers.get(method);
    if (tier) windows.push(tier);
    const channel = field('channel');
    const dmUser = channel.startsWith('U') ? channel : channel.startsWith('D') ? `U${channel.slice(1)}` : null;
    const postChannel = dmUser ? `D${dmUser.slice(1)}` : channel;
    if (method === 'chat.postMessage') windows.push(this.#perChannel.of(postChannel), this.#workspace);
    const wait = longestWait(windows, now);
    if (wait > 0) {
      this.refused.set(method, (this.refused.get(method) ?? 0) + 1);
      return json(
        429,
        { ok: false, error: 'ratelimited' },
        { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) },
      );
    }
    for (const w of windows) w.take(now);

    switch (method) {
      case 'chat.postMessage':
        if (dmUser) this.#dm(dmUser, now);
        else this.channelPosts.push(now);
        return json(200, { ok: true, channel: postChannel, ts: this.#nextTs() });
      case 'conversations.open':
        return json(200, { ok: true, channel: { id: `D${field('users').slice(1)}` } });
      case 'chat.postEphemeral':
        return json(200, { ok: true, message_ts: this.#nextTs() });
      case 'chat.update':
      case 'chat.delete':
        return json(200, { ok: true, channel, ts: field('ts') });
      case 'users.info': {
        const id = field('user');
        return json(200, {
          ok: true,
          user: { id, name: id.toLowerCase(), is_bot: false, tz: 'UTC', profile: { display_name: id, real_name: id } },
        });
      }
      case 'auth.test':
        return json(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
      default:
        return json(200, { ok: true });
    }
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

  #nextTs(): string {
    this.#ts += 1;
    return `${this.#ts}.000100`;
  }
}

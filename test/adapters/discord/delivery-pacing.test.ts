/**
 * Sends paced by discord.js REST against the fake's rate limits: waits happen per bucket, inside
 * REST, before a send's attempt begins.
 */
import { RESTEvents } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { textMessage } from '../../../src/core/messages.ts';
import type { ChannelTarget } from '../../../src/core/ports/index.ts';
import { GUILD_ID } from '../../fakes/discord-packets.ts';
import { MESSAGE_CREATE_BUCKET } from '../../fakes/discord-rest.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const workspace = { platform: 'discord', workspaceId: GUILD_ID } as const;
const channel = (n: number): ChannelTarget => ({
  workspace,
  channelId: String(1_330_000_000_000_000_000n + BigInt(n)),
});
const postsTo = (target: ChannelTarget) => new RegExp(`^/channels/${target.channelId}/messages$`);

/** A `beforeRequest` that notes when it ran. */
function attemptClock(): { readonly times: number[]; readonly beforeRequest: () => Promise<void> } {
  const times: number[] = [];
  return { times, beforeRequest: () => Promise.resolve(void times.push(performance.now())) };
}

describe('pacing by bucket', () => {
  it("beforeRequest runs after REST's wait for the channel's bucket, once per request", async () => {
    h = await startHarness();
    h.rest.enforceLimits({ buckets: [{ ...MESSAGE_CREATE_BUCKET, limit: 1, windowMs: 400 }] });
    const first = attemptClock();
    const second = attemptClock();
    await Promise.all([
      h.adapter.chat.postToChannel(channel(1), textMessage('one'), first),
      h.adapter.chat.postToChannel(channel(1), textMessage('two'), second),
    ]);
    const [one, two] = h.rest.callsTo('POST', postsTo(channel(1)));
    // REST read the bucket from the first answer and held the second send: no 429 was needed.
    expect([one?.answer.status, two?.answer.status]).toEqual([200, 200]);
    expect(first.times).toHaveLength(1);
    expect(second.times).toHaveLength(1);
    expect(first.times[0]).toBeLessThan(one!.at);
    // The second attempt began once the bucket had reset, right before its request.
    expect(second.times[0]).toBeGreaterThanOrEqual(one!.at + 400);
    expect(second.times[0]).toBeLessThan(two!.at);
  });

  it('a short 429 is sat out inside REST and the request repeated, each request an attempt of its own', async () => {
    h = await startHarness();
    h.rest.fault({ kind: 'rate-limit', retryAfterMs: 300 }, { method: 'POST', path: postsTo(channel(1)), times: 1 });
    const attempts = attemptClock();
    const sent = await h.adapter.chat.postToChannel(channel(1), textMessage('hi'), attempts);
    const [refused, taken] = h.rest.callsTo('POST', postsTo(channel(1)));
    expect([refused?.answer.status, taken?.answer.status]).toEqual([429, 200]);
    expect(sent.channelId).toBe(channel(1).channelId);
    expect(attempts.times).toHaveLength(2);
    expect(attempts.times[1]).toBeGreaterThanOrEqual(refused!.at + 300);
  });

  it("a 429 on one channel's bucket does not hold back sends to another channel", async () => {
    h = await startHarness();
    h.rest.failNext('POST', postsTo(channel(1)), {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 1.5, global: false, code: 0 },
      headers: {
        'retry-after': '1.5',
        'x-ratelimit-scope': 'user',
        'x-ratelimit-bucket': MESSAGE_CREATE_BUCKET.hash,
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': '1.5',
      },
    });
    const limited = new Promise((resolve) => h!.client.rest.once(RESTEvents.RateLimited, resolve));
    let heldDone = false;
    const held = h.adapter.chat.postToChannel(channel(1), textMessage('held')).then((sent) => {
      heldDone = true;
      return sent;
    });
    const refused = await h.rest.waitForCall('POST', postsTo(channel(1)));
    await limited;
    await h.adapter.chat.postToChannel(channel(2), textMessage('free'));
    const free = await h.rest.waitForCall('POST', postsTo(channel(2)));
    expect(heldDone).toBe(false);
    expect(free.at - refused.at).toBeLessThan(1000);
    await held;
    const retried = h.rest.callsTo('POST', postsTo(channel(1)))[1];
    expect(retried?.answer.status).toBe(200);
    expect(retried!.at).toBeGreaterThanOrEqual(refused.at + 1500);
  });
});

describe('the global limit', () => {
  it('a global 429 holds back sends to every channel for its wait', async () => {
    h = await startHarness();
    h.rest.fault({ kind: 'rate-limit', retryAfterMs: 300, global: true }, { path: postsTo(channel(1)), times: 1 });
    // REST has read the 429 once it holds the refused send back for it.
    const limited = new Promise((resolve) => h!.client.rest.once(RESTEvents.RateLimited, resolve));
    const held = h.adapter.chat.postToChannel(channel(1), textMessage('one'));
    const refused = await h.rest.waitForCall('POST', postsTo(channel(1)));
    await limited;
    const attempt = attemptClock();
    await h.adapter.chat.postToChannel(channel(2), textMessage('two'), attempt);
    await held;
    expect(refused.answer.status).toBe(429);
    expect(attempt.times[0]).toBeGreaterThanOrEqual(refused.at + 300);
  });

  it('60 sends to 60 channels at once: REST holds the ten beyond 50 a second until the next second', async () => {
    h = await startHarness();
    h.rest.enforceLimits();
    const targets = Array.from({ length: 60 }, (_, i) => channel(i));
    const sent = await Promise.all(targets.map((target) => h!.adapter.chat.postToChannel(target, textMessage('hi'))));
    expect(new Set(sent.map((s) => s.channelId)).size).toBe(60);
    const posts = h.rest.callsTo('POST', /^\/channels\/\d+\/messages$/).sort((a, b) => a.at - b.at);
    expect(posts.filter((call) => call.answer.status === 200)).toHaveLength(60);
    // Not a burst the fake had to refuse: the 51st left a second after the first. (REST counts
    // when a request leaves, the fake when it arrives: a slow first arrival can still cost one
    // of the ten a global 429, which REST sits out like Discord's.)
    expect(posts[50]!.at - posts[0]!.at).toBeGreaterThanOrEqual(900);
  });
});

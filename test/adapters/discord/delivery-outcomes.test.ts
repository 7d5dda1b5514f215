/**
 * What a send's failure says about its message: whether it may have reached Discord (unknown),
 * surely did not take effect (transient, permanent), and when its attempt began (beforeRequest).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/errors.ts';
import { textMessage } from '../../../src/core/messages.ts';
import type { ChannelTarget, UserTarget } from '../../../src/core/ports/index.ts';
import { GROUP_CHANNEL_ID, GUILD_ID, MASON } from '../../fakes/discord-packets.ts';
import { nextSnowflake } from '../../fakes/discord-rest.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const workspace = { platform: 'discord', workspaceId: GUILD_ID } as const;
const group: ChannelTarget = { workspace, channelId: GROUP_CHANNEL_ID };
const mason: UserTarget = { workspace, userId: MASON.id };
const groupPosts = new RegExp(`^/channels/${GROUP_CHANNEL_ID}/messages$`);
const threads = /^\/channels\/\d+\/messages\/\d+\/threads$/;
const dmOpens = /^\/users\/@me\/channels$/;

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('the send succeeded'),
    (e: unknown) => e,
  );
}

async function kindOf(promise: Promise<unknown>): Promise<string> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(DeliveryError);
  return (error as DeliveryError).kind;
}

/** A `beforeRequest` that counts its calls and the requests the fake had seen at each. */
function attempts(h: Harness): { readonly seen: number[]; readonly beforeRequest: () => Promise<void> } {
  const seen: number[] = [];
  return { seen, beforeRequest: () => Promise.resolve(void seen.push(h.rest.calls.length)) };
}

describe('a send whose request may have reached Discord', () => {
  it('is unknown when Discord never answers, within the request timeout', async () => {
    h = await startHarness({ requestTimeoutMs: 300 });
    h.rest.fault({ kind: 'hang' }, { method: 'POST', path: groupPosts });
    const attempt = attempts(h);
    const started = performance.now();
    expect(await kindOf(h.adapter.chat.postToChannel(group, textMessage('hi'), attempt))).toBe('unknown');
    expect(performance.now() - started).toBeLessThan(3000);
    expect(h.rest.callsTo('POST', groupPosts)).toHaveLength(1);
    expect(attempt.seen).toEqual([0]);
  });

  it('is unknown when the connection closes after the request without an answer', async () => {
    h = await startHarness();
    h.rest.fault({ kind: 'reset' }, { method: 'POST', path: groupPosts });
    expect(await kindOf(h.adapter.chat.postToChannel(group, textMessage('hi')))).toBe('unknown');
    expect(h.rest.callsTo('POST', groupPosts)).toHaveLength(1);
  });
});

describe('a send that surely did not take effect', () => {
  it('is transient on a 500, and REST does not repeat it', async () => {
    h = await startHarness({ restRetries: undefined });
    h.rest.fault({ kind: 'server-error' }, { method: 'POST', path: groupPosts });
    const attempt = attempts(h);
    expect(await kindOf(h.adapter.chat.postToChannel(group, textMessage('hi'), attempt))).toBe('transient');
    expect(h.rest.callsTo('POST', groupPosts)).toHaveLength(1);
    expect(attempt.seen).toHaveLength(1);
  });

  it('is transient when Discord refuses the connection, after its attempt began', async () => {
    h = await startHarness();
    await h.rest.close();
    const attempt = attempts(h);
    expect(await kindOf(h.adapter.chat.postToChannel(group, textMessage('hi'), attempt))).toBe('transient');
    expect(attempt.seen).toHaveLength(1);
  });

  it('makes no request when beforeRequest throws, and passes its error on as it is', async () => {
    h = await startHarness();
    const refusal = new Error('the ledger refused the attempt');
    const error = await rejectionOf(
      h.adapter.chat.postToChannel(group, textMessage('hi'), { beforeRequest: () => Promise.reject(refusal) }),
    );
    expect(error).toBe(refusal);
    expect(h.rest.callsTo('POST', groupPosts)).toEqual([]);
  });
});

describe('the daily check-in thread', () => {
  it('begins its attempt right before the post, not before the thread', async () => {
    h = await startHarness();
    const attempt = attempts(h);
    await h.adapter.chat.postThreadStarter(group, textMessage('Good morning!'), 'Check-in', attempt);
    expect(attempt.seen).toEqual([0]);
    expect(h.rest.calls.map((c) => c.path)).toEqual([
      `/channels/${GROUP_CHANNEL_ID}/messages`,
      expect.stringMatching(threads),
    ]);
  });

  it('is unknown when the thread request gets no answer, and the post is taken back', async () => {
    h = await startHarness({ requestTimeoutMs: 300 });
    h.rest.fault({ kind: 'hang' }, { method: 'POST', path: threads });
    expect(await kindOf(h.adapter.chat.postThreadStarter(group, textMessage('Good morning!'), 'Check-in'))).toBe(
      'unknown',
    );
    expect(h.rest.callsTo('DELETE', /^\/channels\/\d+\/messages\/\d+$/)).toHaveLength(1);
  });

  it('is transient when the thread request gets a 500, and the post is taken back', async () => {
    h = await startHarness();
    h.rest.fault({ kind: 'server-error' }, { method: 'POST', path: threads });
    expect(await kindOf(h.adapter.chat.postThreadStarter(group, textMessage('Good morning!'), 'Check-in'))).toBe(
      'transient',
    );
    expect(h.rest.callsTo('POST', threads)).toHaveLength(1);
    expect(h.rest.callsTo('DELETE', /^\/channels\/\d+\/messages\/\d+$/)).toHaveLength(1);
  });
});

describe('files and direct messages', () => {
  it('shares files with one attempt, begun right before their post', async () => {
    h = await startHarness();
    const attempt = attempts(h);
    const chart = { filename: 'week.png', mimeType: 'image/png', bytes: new Uint8Array([137, 80, 78, 71]) };
    await h.adapter.chat.shareFiles(group, [chart], attempt);
    expect(attempt.seen).toEqual([0]);
    expect(h.rest.callsTo('POST', groupPosts)[0]?.fileNames).toEqual(['week.png']);
  });

  it('sends to the DM channel it is given without opening one', async () => {
    h = await startHarness();
    const dmChannelId = nextSnowflake();
    const attempt = attempts(h);
    const sent = await h.adapter.chat.sendDirect({ ...mason, dmChannelId }, textMessage('Due today'), attempt);
    expect(sent.channelId).toBe(dmChannelId);
    expect(h.rest.callsTo('POST', dmOpens)).toEqual([]);
    expect(h.rest.calls.map((c) => c.path)).toEqual([`/channels/${dmChannelId}/messages`]);
    expect(attempt.seen).toEqual([0]);
  });

  it('opens the DM first when it has no channel, and begins the attempt only for the message', async () => {
    h = await startHarness();
    const attempt = attempts(h);
    const sent = await h.adapter.chat.sendDirect(mason, textMessage('Due today'), attempt);
    expect(sent.channelId).toBe(h.rest.dmChannelOf(MASON.id));
    expect(h.rest.calls.map((c) => c.path)).toEqual(['/users/@me/channels', `/channels/${sent.channelId}/messages`]);
    expect(attempt.seen).toEqual([1]);
  });
});

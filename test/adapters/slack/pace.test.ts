import { describe, expect, it } from 'vitest';
import { createSlackPace, slackLimits, type PacedCall, type SlackPace } from '../../../adapters/slack/pace.ts';
import { ManualTimer, settle } from './pace-timers.ts';

const post = (channelId: string, teamId = 'T1'): PacedCall => ({ teamId, method: 'chat.postMessage', channelId });

function setUp(messagesPerMinute?: number): { pace: SlackPace; timer: ManualTimer } {
  const timer = new ManualTimer();
  return { timer, pace: createSlackPace({ limits: slackLimits(messagesPerMinute), timer }) };
}

/** Starts every call at once and records the time each was let through. */
function start(pace: SlackPace, timer: ManualTimer, calls: readonly PacedCall[]): number[] {
  const at: number[] = [];
  for (const call of calls) void pace.acquire(call).then(() => at.push(timer.now()));
  return at;
}

/** The most calls let through within any window of `windowMs`. */
function busiest(at: readonly number[], windowMs: number): number {
  return Math.max(0, ...at.map((from) => at.filter((t) => t >= from && t < from + windowMs).length));
}

async function advanceBySeconds(timer: ManualTimer, seconds: number): Promise<void> {
  for (let i = 0; i < seconds; i += 1) await timer.advance(1000);
}

describe('pacing chat.postMessage', () => {
  it('lets two posts to a channel through at once, then about one a second', async () => {
    const { pace, timer } = setUp();
    const at = start(
      pace,
      timer,
      Array.from({ length: 5 }, () => post('C1')),
    );
    await settle();
    expect(at).toEqual([0, 0]);
    await timer.advance(999);
    expect(at).toHaveLength(2);
    await timer.advance(1);
    expect(at).toEqual([0, 0, 1000]);
    await timer.advance(2000);
    expect(at).toEqual([0, 0, 1000, 2000, 3000]);
  });

  it('keeps another channel going while one waits', async () => {
    const { pace, timer } = setUp();
    const busy = start(
      pace,
      timer,
      Array.from({ length: 10 }, () => post('C1')),
    );
    const other = start(pace, timer, [post('C2')]);
    await settle();
    expect(busy).toHaveLength(2);
    expect(other).toEqual([0]);
  });

  it('never lets more than the workspace budget through in any minute, across channels', async () => {
    const { pace, timer } = setUp(20);
    const at = start(
      pace,
      timer,
      Array.from({ length: 80 }, (_, i) => post(`C${i}`)),
    );
    await advanceBySeconds(timer, 180);
    expect(busiest(at, 60_000)).toBeLessThanOrEqual(20);
    expect(at.filter((t) => t < 60_000).length).toBeGreaterThanOrEqual(18);
  });

  it('paces each workspace on its own', async () => {
    const { pace, timer } = setUp(1);
    const first = start(pace, timer, [post('C1'), post('C2')]);
    const second = start(pace, timer, [post('C1', 'T2')]);
    await settle();
    expect(first).toEqual([0]);
    expect(second).toEqual([0]);
  });
});

describe('calls somebody waits on', () => {
  it('take the next place in the workspace budget ahead of background deliveries already waiting', async () => {
    const { pace, timer } = setUp(60);
    const drained: number[] = [];
    // The budget's burst (6) goes at once; 20 more background posts wait, one a second after that.
    for (let i = 0; i < 26; i += 1)
      void pace.acquire(post(`D${i}`), { background: true }).then(() => drained.push(timer.now()));
    await settle();
    expect(drained).toHaveLength(6);
    let answeredAt: number | null = null;
    void pace.acquire(post('CGROUP')).then(() => (answeredAt = timer.now()));
    await settle();
    await advanceBySeconds(timer, 2);
    // Behind 20 background posts it would wait about 20 s; it takes the first place that comes free.
    expect(answeredAt).not.toBeNull();
    const at = answeredAt as unknown as number;
    expect(at).toBeGreaterThan(0);
    expect(drained.filter((t) => t > 0 && t <= at)).toEqual([]);
    await advanceBySeconds(timer, 60);
    expect(drained).toHaveLength(26);
    // Still within the budget: the person's post took one place, it did not add one.
    expect(busiest([...drained, answeredAt as unknown as number], 60_000)).toBeLessThanOrEqual(60);
  });

  it('do not hold background posts back while they wait for their own channel', async () => {
    const { pace, timer } = setUp(60);
    await pace.acquire(post('CGROUP'));
    await pace.acquire(post('CGROUP'));
    let personAt: number | null = null;
    void pace.acquire(post('CGROUP')).then(() => (personAt = timer.now()));
    const drained = start(pace, timer, [post('D1'), post('D2')]);
    // The channel's own limit holds the person's post, not the budget: the DMs go meanwhile.
    await settle();
    expect(drained).toHaveLength(2);
    expect(personAt).toBeNull();
    await timer.advance(1000);
    expect(personAt).toBe(1000);
  });
});

describe('a 429 from Slack', () => {
  it('pauses the channel it came from for the time asked, and no other channel', async () => {
    const { pace, timer } = setUp();
    pace.pause(post('C1'), 5000);
    const paused = start(pace, timer, [post('C1')]);
    const other = start(pace, timer, [post('C2')]);
    await timer.advance(4999);
    expect(paused).toEqual([]);
    expect(other).toEqual([0]);
    await timer.advance(1);
    expect(paused).toEqual([5000]);
  });

  it('on chat.update also holds chat.delete, which shares its tier, but not chat.postMessage', async () => {
    const { pace, timer } = setUp();
    pace.pause({ teamId: 'T1', method: 'chat.update' }, 3000);
    const deletes = start(pace, timer, [{ teamId: 'T1', method: 'chat.delete' }]);
    const posts = start(pace, timer, [post('C1')]);
    const elsewhere = start(pace, timer, [{ teamId: 'T2', method: 'chat.delete' }]);
    await timer.advance(2999);
    expect(deletes).toEqual([]);
    expect(posts).toEqual([0]);
    expect(elsewhere).toEqual([0]);
    await timer.advance(1);
    expect(deletes).toEqual([3000]);
  });
});

describe('pacing the tiered methods', () => {
  it('gives chat.update and chat.delete one budget of 50 a minute', async () => {
    const { pace, timer } = setUp();
    const calls = Array.from({ length: 120 }, (_, i): PacedCall => ({
      teamId: 'T1',
      method: i % 2 === 0 ? 'chat.update' : 'chat.delete',
    }));
    const at = start(pace, timer, calls);
    await advanceBySeconds(timer, 180);
    expect(busiest(at, 60_000)).toBeLessThanOrEqual(50);
    expect(at.length).toBeGreaterThan(50);
  });

  it.each(['users.info', 'files.getUploadURLExternal', 'files.completeUploadExternal'] as const)(
    'keeps %s within Tier 4, 100 a minute',
    async (method) => {
      const { pace, timer } = setUp();
      const at = start(
        pace,
        timer,
        Array.from({ length: 250 }, () => ({ teamId: 'T1', method })),
      );
      await advanceBySeconds(timer, 150);
      expect(busiest(at, 60_000)).toBeLessThanOrEqual(100);
      expect(at.length).toBeGreaterThan(100);
    },
  );
});

describe('the pace’s memory', () => {
  it('forgets channels that have been quiet, so it holds only recent ones', async () => {
    const { pace, timer } = setUp(100_000);
    for (let i = 0; i < 1000; i += 1) await pace.acquire(post(`C${i}`));
    expect(pace.size).toBeGreaterThan(1000);
    await timer.advance(60_000);
    for (let i = 0; i < 64; i += 1) await pace.acquire(post(`CNEW${i}`));
    expect(pace.size).toBeLessThan(100);
  });

  it('takes nothing for a call whose wait was given up', async () => {
    const { pace, timer } = setUp();
    await pace.acquire(post('C1'));
    await pace.acquire(post('C1'));
    const controller = new AbortController();
    const givenUp = pace.acquire(post('C1'), { signal: controller.signal });
    const next = start(pace, timer, [post('C1')]);
    controller.abort(new Error('too late'));
    await expect(givenUp).rejects.toThrow('too late');
    await timer.advance(1000);
    expect(next).toEqual([1000]);
    expect(timer.sleeping).toBe(0);
  });
});

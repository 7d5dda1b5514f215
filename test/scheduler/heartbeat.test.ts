import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHeartbeat, type ScheduleTick } from '../../src/scheduler/heartbeat.ts';

/** A cron stand-in: the test calls `tick()` where node-cron would call it each minute. */
function fakeCron() {
  const state: { tick: (() => Promise<void>) | null; stopped: boolean } = { tick: null, stopped: false };
  const schedule: ScheduleTick = (tick) => {
    state.tick = tick;
    return { stop: () => void (state.stopped = true) };
  };
  return { state, schedule, tick: () => state.tick?.() ?? Promise.resolve() };
}

/** Lets pending promise callbacks run (no timer, no real time). */
const settle = () => new Promise<void>((r) => setImmediate(r));

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the heartbeat', () => {
  it('sweeps once at start and then on every tick', async () => {
    const cron = fakeCron();
    let sweeps = 0;
    const beat = startHeartbeat(
      async () => void sweeps++,
      () => {},
      cron.schedule,
    );
    await settle();
    expect(sweeps).toBe(1);
    await cron.tick();
    await cron.tick();
    expect(sweeps).toBe(3);
    await beat.stop();
    expect(cron.state.stopped).toBe(true);
  });

  it('sweeps again when a retry falls due, and once after a sweep running then', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
    const cron = fakeCron();
    let sweeps = 0;
    let gate = deferred();
    const beat = startHeartbeat(
      () => (sweeps++, gate.promise),
      () => {},
      cron.schedule,
    );
    expect(sweeps).toBe(1);
    beat.wakeAt(new Date(Date.now() + 60_000));
    beat.wakeAt(new Date(Date.now() + 1_000));
    await vi.advanceTimersByTimeAsync(1_000);
    // The first sweep still runs: the wake-up waits for it, then sweeps once.
    expect(sweeps).toBe(1);
    const first = gate;
    gate = deferred();
    first.resolve();
    await settle();
    expect(sweeps).toBe(2);
    gate.resolve();
    await settle();
    expect(sweeps).toBe(2);
    await beat.stop();
  });

  it('wakes at every moment asked for, not only the earliest: retries due a few seconds apart each get their sweep', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
    const cron = fakeCron();
    let sweeps = 0;
    const beat = startHeartbeat(
      async () => void sweeps++,
      () => {},
      cron.schedule,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(sweeps).toBe(1);
    const now = Date.now();
    // Asked for in any order, and again for a moment already waited for; moments within one
    // second share a sweep at its end.
    for (const ms of [5_300, 5_000, 9_000, 5_000, 5_900]) beat.wakeAt(new Date(now + ms));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(sweeps).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sweeps).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sweeps).toBe(3);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(sweeps).toBe(4);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sweeps).toBe(4);
    await beat.stop();
  });

  it('never starts a sweep while one is running', async () => {
    const cron = fakeCron();
    const gate = deferred();
    let sweeps = 0;
    const beat = startHeartbeat(
      () => (sweeps++, gate.promise),
      () => {},
      cron.schedule,
    );
    void cron.tick();
    void cron.tick();
    expect(sweeps).toBe(1);
    gate.resolve();
    await beat.stop();
    expect(sweeps).toBe(1);
  });

  it('waits for a running sweep when stopped, and ticks after stop do nothing', async () => {
    const cron = fakeCron();
    const gate = deferred();
    let finished = false;
    let sweeps = 0;
    const beat = startHeartbeat(
      () => (sweeps++, gate.promise.then(() => void (finished = true))),
      () => {},
      cron.schedule,
    );
    let stopped = false;
    const stopping = beat.stop().then(() => void (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(finished).toBe(true);
    await cron.tick();
    expect(sweeps).toBe(1);
  });

  it('reports a failed sweep and keeps beating', async () => {
    const cron = fakeCron();
    const errors: unknown[] = [];
    let calls = 0;
    const beat = startHeartbeat(
      async () => {
        calls++;
        throw new Error('database is locked');
      },
      (e) => errors.push(e),
      cron.schedule,
    );
    await settle();
    await cron.tick();
    await beat.stop();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(2);
  });
});

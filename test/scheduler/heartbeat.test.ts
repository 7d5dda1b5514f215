import { describe, expect, it } from 'vitest';
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

/**
 * The heartbeat: node-cron ticks once a minute and runs the sweep. node-cron is imported here and
 * nowhere else; it only says "now", all due work is read from the database.
 */
import cron from 'node-cron';

export interface Heartbeat {
  /** Stops ticking and waits for a sweep that is running to finish. */
  stop(): Promise<void>;
}

/** What the heartbeat needs from a cron library: a repeating tick that can be stopped. */
export type ScheduleTick = (tick: () => Promise<void>) => { stop(): void | Promise<void> };

/** node-cron, every minute, never starting a tick while the previous one still runs. */
export const everyMinute: ScheduleTick = (tick) =>
  cron.schedule('* * * * *', tick, { name: 'rebound-heartbeat', noOverlap: true });

/**
 * Sweeps once at start (work that came due while the bot was down goes out now), then on every
 * tick. Sweeps never overlap, whoever starts them: a tick that comes while one runs is skipped.
 */
export function startHeartbeat(
  sweep: () => Promise<unknown>,
  onError: (error: unknown) => void,
  schedule: ScheduleTick = everyMinute,
): Heartbeat {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = (): Promise<void> => {
    if (running || stopped) return running ?? Promise.resolve();
    running = sweep()
      .then(
        () => undefined,
        (error: unknown) => onError(error),
      )
      .finally(() => {
        running = null;
      });
    return running;
  };
  const task = schedule(run);
  void run();
  return {
    async stop() {
      stopped = true;
      await task.stop();
      if (running) await running;
    },
  };
}

/**
 * The heartbeat: node-cron ticks once a minute and runs the sweep. node-cron is imported here and
 * nowhere else; it only says "now", all due work is read from the database.
 */
import cron from 'node-cron';

export interface Heartbeat {
  /** Stops ticking and waits for a sweep that is running to finish. */
  stop(): Promise<void>;
}

export function startHeartbeat(sweep: () => Promise<unknown>, onError: (error: unknown) => void): Heartbeat {
  let running: Promise<unknown> | null = null;
  const task = cron.schedule(
    '* * * * *',
    async () => {
      running = sweep().catch(onError);
      await running;
      running = null;
    },
    { name: 'rebound-heartbeat', noOverlap: true },
  );
  // Sweep once at start, so work that came due while the bot was down goes out now.
  running = sweep()
    .catch(onError)
    .finally(() => {
      running = null;
    });
  return {
    async stop() {
      await task.stop();
      if (running) await running;
    },
  };
}

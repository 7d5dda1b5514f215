/**
 * The heartbeat: node-cron ticks once a minute and runs the sweep. node-cron is imported here and
 * nowhere else; it only says "now", all due work is read from the database.
 */
import cron from 'node-cron';

export interface Heartbeat {
  /** Sweeps once more at `at` (a retry falls due then), besides the ticks; every moment asked for gets its sweep. */
  wakeAt(at: Date): void;
  /** Stops ticking and waits for a sweep that is running to finish. */
  stop(): Promise<void>;
}

/** Wake-up moments are whole seconds: retries due within one second share a sweep. */
const WAKE_GRID_MS = 1000;
/** At most this many distinct wake-ups wait (a day of seconds); beyond, the minute tick serves. */
const MAX_WAKES = 86_400;

/** What the heartbeat needs from a cron library: a repeating tick that can be stopped. */
export type ScheduleTick = (tick: () => Promise<void>) => { stop(): void | Promise<void> };

/** node-cron, every minute, never starting a tick while the previous one still runs. */
export const everyMinute: ScheduleTick = (tick) =>
  cron.schedule('* * * * *', tick, { name: 'rebound-heartbeat', noOverlap: true });

/**
 * Sweeps once at start (work that came due while the bot was down goes out now), then on every
 * tick, and at the moments `wakeAt` names. Sweeps never overlap, whoever starts them: a tick that
 * comes while one runs is skipped; a wake-up that comes while one runs sweeps again after it.
 */
export function startHeartbeat(
  sweep: () => Promise<unknown>,
  onError: (error: unknown) => void,
  schedule: ScheduleTick = everyMinute,
): Heartbeat {
  let running: Promise<void> | null = null;
  let stopped = false;
  let again = false;
  // Every moment asked for, ascending and distinct, on a whole-second grid (a wake-up is never
  // early, at most a second late), so a burst of retries a few milliseconds apart is one sweep.
  const wakes: number[] = [];
  let timer: { at: number; handle: ReturnType<typeof setTimeout> } | null = null;
  const run = (): Promise<void> => {
    if (running || stopped) return running ?? Promise.resolve();
    running = sweep()
      .then(
        () => undefined,
        (error: unknown) => onError(error),
      )
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          void run();
        }
      });
    return running;
  };
  /** Keeps one timer, for the earliest moment waiting; when it fires, the next is armed. */
  const arm = (): void => {
    const next = wakes[0];
    if (next === undefined || stopped || timer?.at === next) return;
    if (timer) clearTimeout(timer.handle);
    const handle = setTimeout(
      () => {
        timer = null;
        const now = Date.now();
        while (wakes.length > 0 && (wakes[0] as number) <= now) wakes.shift();
        if (running) again = true;
        else void run();
        arm();
      },
      Math.max(0, next - Date.now()),
    );
    handle.unref();
    timer = { at: next, handle };
  };
  const task = schedule(run);
  void run();
  return {
    wakeAt(at) {
      if (stopped || wakes.length >= MAX_WAKES) return;
      const when = Math.ceil(at.getTime() / WAKE_GRID_MS) * WAKE_GRID_MS;
      let i = 0;
      while (i < wakes.length && (wakes[i] as number) < when) i++;
      if (wakes[i] !== when) wakes.splice(i, 0, when);
      arm();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer.handle);
      await task.stop();
      if (running) await running;
    },
  };
}

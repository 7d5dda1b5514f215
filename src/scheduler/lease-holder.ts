/**
 * Holds a lease row for something only one replica may do at a time (Discord's gateway: two
 * connections on one token would each receive every event). The holder renews it well before it
 * lapses; the others keep asking and take it over once it lapses. A holder that cannot renew for a
 * whole lease period assumes it lost the lease and lets go, so at most one replica believes it
 * holds it for longer than the time its clock and the database's disagree.
 */
import type { Clock } from '../core/clock.ts';
import type { LeaseRepository, Logger } from '../core/ports/index.ts';

export interface LeaseHolderOptions {
  readonly leases: LeaseRepository;
  readonly name: string;
  /** Which process asks (host:pid:random). */
  readonly holder: string;
  readonly ttlMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Called once each time this process comes to hold the lease (e.g. connect the gateway). */
  onAcquired(): Promise<void>;
  /** Called once each time it stops holding it (lost, or stopping). */
  onReleased(): Promise<void>;
}

export interface LeaseHolder {
  /**
   * Settles after the first ask: once `onAcquired` finished if the lease was free, at once if
   * another process holds it. Rejects with `onAcquired`'s error on that first ask (the lease is
   * given up again), so a start-up failure stays a start-up failure.
   */
  readonly started: Promise<void>;
  /** Whether this process holds the lease now. */
  holding(): boolean;
  /** Stops asking; lets go of the lease (and calls `onReleased`) if it was held. */
  stop(): Promise<void>;
}

/** Starts asking for the lease at once, then every third of its period. */
export function holdLease(options: LeaseHolderOptions): LeaseHolder {
  const { leases, name, holder, ttlMs, clock, logger } = options;
  let held = false;
  let renewedAt = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let turn: Promise<void> = Promise.resolve();

  let first = true;
  const ask = async (): Promise<void> => {
    const now = clock.now();
    let got: boolean;
    try {
      got = await leases.acquire(name, holder, now, ttlMs);
    } catch (error) {
      logger.warn({ lease: name, error: describe(error) }, 'could not renew lease');
      // Unknown: keep acting as holder only while the last renewal is still inside its period.
      got = held && now.getTime() - renewedAt < ttlMs;
    }
    if (got && !stopped) {
      renewedAt = now.getTime();
      if (!held) {
        held = true;
        logger.info({ lease: name }, 'lease acquired');
        try {
          await options.onAcquired();
        } catch (error) {
          // Let another replica (or this one, next time) try, rather than sit on a lease doing nothing.
          held = false;
          await leases.release(name, holder).catch(() => undefined);
          if (first) throw error;
          logger.error({ lease: name, error: describe(error) }, 'could not start what the lease is for');
        }
      }
    } else if (held) {
      held = false;
      logger.warn({ lease: name }, 'lease lost');
      await options.onReleased();
    }
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(
      () => {
        turn = safely(ask).finally(schedule);
      },
      Math.max(100, Math.floor(ttlMs / 3)),
    );
  };
  const safely = (step: () => Promise<void>): Promise<void> =>
    step().catch((error: unknown) => logger.error({ lease: name, error: describe(error) }, 'lease step failed'));
  const started = ask().finally(() => {
    first = false;
  });
  turn = started.then(
    () => schedule(),
    () => {
      stopped = true;
    },
  );

  return {
    started,
    holding: () => held,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await turn;
      if (!held) return;
      held = false;
      await options.onReleased();
      await leases.release(name, holder).catch(() => undefined);
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown';
}

/**
 * One SQLite connection shared by many requests that await: a gate lets one transaction hold the
 * connection at a time. better-sqlite3 runs statements synchronously, so an awaiting transaction
 * (BEGIN IMMEDIATE … COMMIT around an async callback) would otherwise take in whatever statement
 * another request issued on the same connection meanwhile.
 *
 * Work runs in a lane: the connection's, or the open transaction's (or savepoint's) found through
 * AsyncLocalStorage. A statement runs at once when its lane is free and waits its turn when a
 * transaction opened in that lane is running, so a statement issued outside a transaction never
 * lands inside one, and one issued inside a transaction but outside its savepoint never lands in
 * the savepoint (where a rollback would undo it). Waiting for another process's write lock never
 * blocks the event loop: the busy timeout is short and a busy statement is retried after a timer.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { StoreBusyError } from '../errors.ts';

/** How long one statement may wait inside SQLite for a lock before it yields to the event loop. */
export const SQLITE_BUSY_TIMEOUT_MS = 5;

interface Lane {
  /** Settles when the last turn queued in this lane has finished. */
  tail: Promise<void>;
  /** Turns queued or running in this lane: while any, the lane's statements wait their turn. */
  queued: number;
  /** The transaction or savepoint of this lane has ended: its work goes to the parent lane. */
  closed: boolean;
  readonly parent: Lane | null;
}

export interface GateOptions {
  /** Give up (StoreBusyError) when another process holds the write lock for longer than this. */
  readonly lockWaitMs?: number;
}

export class SqliteGate {
  private readonly inside = new AsyncLocalStorage<Lane>();
  private readonly connection: Lane = { tail: Promise.resolve(), queued: 0, closed: false, parent: null };
  private readonly lockWaitMs: number;
  private savepoints = 0;

  constructor(
    private readonly sqlite: Database.Database,
    options: GateOptions = {},
  ) {
    this.lockWaitMs = options.lockWaitMs ?? 30_000;
  }

  /** Runs synchronous database work: at once when its lane is free, else at its turn. */
  run<T>(work: () => T): Promise<T> {
    const lane = this.lane();
    if (lane.queued === 0) {
      try {
        return Promise.resolve(work());
      } catch (error) {
        // Only a statement outside any transaction can find another process holding the lock.
        if (lane !== this.connection || !isBusy(error)) return Promise.reject(error);
      }
    }
    return this.turn(lane, () => (lane === this.connection ? this.retryingBusy(work) : settle(work)));
  }

  /**
   * Runs `fn` in one transaction (BEGIN IMMEDIATE), committed when it resolves and rolled back when
   * it rejects; one inside another becomes a savepoint. No other work of the enclosing lane runs
   * until it settles, so never await a platform call inside.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    const lane = this.lane();
    return this.turn(lane, async () => {
      const savepoint = lane === this.connection ? null : `sp${++this.savepoints}`;
      if (savepoint) this.sqlite.exec(`SAVEPOINT ${savepoint}`);
      else await this.retryingBusy(() => this.sqlite.exec('BEGIN IMMEDIATE'));
      const own: Lane = { tail: Promise.resolve(), queued: 0, closed: false, parent: lane };
      try {
        const result = await this.inside.run(own, fn);
        await drain(own);
        own.closed = true;
        if (savepoint) this.sqlite.exec(`RELEASE ${savepoint}`);
        else await this.retryingBusy(() => this.sqlite.exec('COMMIT'));
        return result;
      } catch (error) {
        // Work fn started and left queued runs first, inside what is being rolled back.
        await drain(own);
        own.closed = true;
        if (savepoint) {
          this.sqlite.exec(`ROLLBACK TO ${savepoint}`);
          this.sqlite.exec(`RELEASE ${savepoint}`);
        } else if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /** The lane of the current async context: its innermost transaction still open, or the connection. */
  private lane(): Lane {
    let lane = this.inside.getStore();
    while (lane?.closed) lane = lane.parent ?? undefined;
    return lane ?? this.connection;
  }

  /** Queues `work` behind every turn already waiting in `lane`; the lane is its until it settles. */
  private turn<T>(lane: Lane, work: () => Promise<T>): Promise<T> {
    lane.queued++;
    const result = lane.tail.then(work);
    const done = () => {
      lane.queued--;
    };
    lane.tail = result.then(done, done);
    return result;
  }

  /** Runs `work`; while another process holds the lock (SQLITE_BUSY), tries again after a timer. */
  private async retryingBusy<T>(work: () => T): Promise<T> {
    const deadline = Date.now() + this.lockWaitMs;
    for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
      try {
        return work();
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (Date.now() >= deadline) throw new StoreBusyError(this.lockWaitMs);
      }
      await sleep(wait);
    }
  }
}

/** Waits until nothing is queued in `lane` any more (a turn may queue another). */
async function drain(lane: Lane): Promise<void> {
  while (lane.queued > 0) await lane.tail;
}

function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error);
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
}

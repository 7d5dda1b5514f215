/**
 * One SQLite connection shared by many requests that await: a gate lets one transaction hold the
 * connection at a time. better-sqlite3 runs statements synchronously, so an awaiting transaction
 * (BEGIN IMMEDIATE … COMMIT around an async callback) would otherwise take in whatever statement
 * another request issued on the same connection meanwhile. Statements outside a transaction run at
 * once when the gate is free and wait their turn when it is not; statements issued inside a
 * transaction (found through AsyncLocalStorage) run inside it. Waiting for another process's write
 * lock never blocks the event loop: the busy timeout is short and a busy statement is retried after
 * a timer.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { StoreBusyError } from './errors.ts';

/** A repository's methods as better-sqlite3 runs them: the port's methods, without the Promise. */
export type SyncOf<R> = {
  [K in keyof R]: R[K] extends (...args: infer A) => Promise<infer T> ? (...args: A) => T : R[K];
};

/** How long one statement may wait inside SQLite for a lock before it yields to the event loop. */
export const SQLITE_BUSY_TIMEOUT_MS = 5;

interface Open {
  depth: number;
  closed: boolean;
}

export interface GateOptions {
  /** Give up (StoreBusyError) when another process holds the write lock for longer than this. */
  readonly lockWaitMs?: number;
}

export class SqliteGate {
  private readonly inside = new AsyncLocalStorage<Open>();
  /** Settles when the last queued turn has finished. */
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;
  private readonly lockWaitMs: number;

  constructor(
    private readonly sqlite: Database.Database,
    options: GateOptions = {},
  ) {
    this.lockWaitMs = options.lockWaitMs ?? 30_000;
  }

  /** Runs synchronous database work: inside the current transaction, at once, or at its turn. */
  run<T>(work: () => T): Promise<T> {
    const open = this.inside.getStore();
    if (open && !open.closed) return settle(work);
    if (this.queued === 0) {
      try {
        return Promise.resolve(work());
      } catch (error) {
        if (!isBusy(error)) return Promise.reject(error);
      }
    }
    // Busy, or the connection is taken: wait for a turn, so a retry never lands inside another's transaction.
    return this.turn(() => this.retryingBusy(work));
  }

  /**
   * Runs `fn` in one transaction (BEGIN IMMEDIATE), committed when it resolves and rolled back when
   * it rejects; one inside another becomes a savepoint. No other work on this connection runs until
   * it settles, so never await a platform call inside.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    const open = this.inside.getStore();
    if (open && !open.closed) return this.savepoint(open, fn);
    return this.turn(async () => {
      await this.retryingBusy(() => this.sqlite.exec('BEGIN IMMEDIATE'));
      const state: Open = { depth: 0, closed: false };
      try {
        const result = await this.inside.run(state, fn);
        state.closed = true;
        await this.retryingBusy(() => this.sqlite.exec('COMMIT'));
        return result;
      } catch (error) {
        state.closed = true;
        if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
        throw error;
      }
    });
  }

  private async savepoint<T>(open: Open, fn: () => Promise<T>): Promise<T> {
    const name = `sp${++open.depth}`;
    this.sqlite.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      this.sqlite.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.sqlite.exec(`ROLLBACK TO ${name}`);
      this.sqlite.exec(`RELEASE ${name}`);
      throw error;
    } finally {
      open.depth--;
    }
  }

  /** Queues `work` behind every turn already waiting; the connection is the gate's until it settles. */
  private turn<T>(work: () => Promise<T>): Promise<T> {
    this.queued++;
    const result = this.tail.then(work);
    this.tail = result.then(
      () => this.release(),
      () => this.release(),
    );
    return result;
  }

  private release(): void {
    this.queued--;
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

/** The port's repository over a synchronous one: every method runs through the gate. */
export function gated<R extends object>(repo: SyncOf<R>, gate: SqliteGate): R {
  const out: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(repo as Record<string, unknown>)) {
    if (typeof method !== 'function') continue;
    out[name] = (...args: unknown[]) => gate.run(() => (method as (...a: unknown[]) => unknown)(...args));
  }
  return out as R;
}

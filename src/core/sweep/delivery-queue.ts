/**
 * The delivery queue beside the sweep: claimed sends run many at once, each workspace in a lane
 * of its own, so a member waiting out a rate limit (inside the adapter, which paces each
 * platform's buckets) never holds back another member, channel or workspace. The sweep hands it
 * claimed work in pages and claims more only when there is room, so memory stays bounded and a
 * claim rarely waits long before its send starts.
 */

export interface DeliveryJob {
  /**
   * The ledger keys the job holds. A process holds each key in at most one job: if its recovery
   * released a claim of its own that still waited here (it stalled past the lease) and a sweep
   * claimed it again, the new job is released and dropped, and the first one sends it or finds
   * it lost. Two jobs of one owner for one key would both be allowed to send.
   */
  readonly keys: readonly string[];
  /** The send, with everything it writes to the ledger. Never rejects for a send that failed. */
  run(): Promise<void>;
  /** The job will not run (the process is stopping): give its claim back so another sweep sends it. */
  release(): Promise<void>;
}

export interface QueueLimits {
  /** Sends in progress at once in one lane (one workspace). */
  readonly perLane: number;
  /** Sends in progress at once in all. */
  readonly total: number;
}

export const DEFAULT_QUEUE_LIMITS: QueueLimits = { perLane: 32, total: 128 };

interface Lane {
  readonly name: string;
  readonly waiting: DeliveryJob[];
  running: number;
}

export class DeliveryQueue {
  readonly #lanes = new Map<string, Lane>();
  readonly #limits: QueueLimits;
  readonly #onError: (error: unknown) => void;
  readonly #held = new Set<string>();
  #running = 0;
  #waiting = 0;
  #stopped = false;
  #changed: (() => void)[] = [];

  constructor(limits: QueueLimits, onError: (error: unknown) => void) {
    this.#limits = limits;
    this.#onError = onError;
  }

  get waiting(): number {
    return this.#waiting;
  }
  get running(): number {
    return this.#running;
  }
  get stopped(): boolean {
    return this.#stopped;
  }

  /**
   * Queues a job in its lane; once stopped, or when another job here already holds one of its
   * keys, the job is released at once instead.
   */
  push(lane: string, job: DeliveryJob): void {
    if (this.#stopped || job.keys.some((key) => this.#held.has(key))) {
      void job.release().catch(this.#onError);
      return;
    }
    for (const key of job.keys) this.#held.add(key);
    let l = this.#lanes.get(lane);
    if (!l) this.#lanes.set(lane, (l = { name: lane, waiting: [], running: 0 }));
    l.waiting.push(job);
    this.#waiting++;
    this.#pump();
  }

  /** Resolves once fewer than `n` jobs wait to start (or the queue stopped). */
  async roomFor(n: number): Promise<void> {
    while (!this.#stopped && this.#waiting >= n) await this.#change();
  }

  /** Resolves once nothing waits or runs. */
  async idle(): Promise<void> {
    while (this.#waiting + this.#running > 0) await this.#change();
  }

  /**
   * Starts nothing more: every waiting job is released. Resolves when the running ones have
   * finished or `deadline` resolved, whichever is first, with how many were still running.
   */
  async stop(deadline: Promise<void>): Promise<{ released: number; unfinished: number }> {
    this.#stopped = true;
    const waiting = [...this.#lanes.values()].flatMap((l) => l.waiting.splice(0));
    this.#waiting = 0;
    for (const job of waiting) this.#letGo(job);
    this.#notify();
    await Promise.all(waiting.map((job) => job.release().catch(this.#onError)));
    let late = false;
    await Promise.race([this.idle(), deadline.then(() => (late = true))]);
    return { released: waiting.length, unfinished: late ? this.#running : 0 };
  }

  /** Starts what the limits allow, one job per lane in turn, so no workspace waits behind another. */
  #pump(): void {
    let started = true;
    while (started && this.#running < this.#limits.total) {
      started = false;
      for (const lane of this.#lanes.values()) {
        if (this.#running >= this.#limits.total) break;
        if (lane.waiting.length === 0 || lane.running >= this.#limits.perLane) continue;
        this.#start(lane, lane.waiting.shift() as DeliveryJob);
        started = true;
      }
    }
    this.#notify();
  }

  #start(lane: Lane, job: DeliveryJob): void {
    this.#waiting--;
    lane.running++;
    this.#running++;
    void job
      .run()
      .catch(this.#onError)
      .finally(() => {
        this.#letGo(job);
        lane.running--;
        this.#running--;
        if (lane.running === 0 && lane.waiting.length === 0) this.#lanes.delete(lane.name);
        this.#pump();
      });
  }

  #letGo(job: DeliveryJob): void {
    for (const key of job.keys) this.#held.delete(key);
  }

  #change(): Promise<void> {
    return new Promise((resolve) => this.#changed.push(resolve));
  }

  #notify(): void {
    const waiters = this.#changed;
    this.#changed = [];
    for (const resolve of waiters) resolve();
  }
}

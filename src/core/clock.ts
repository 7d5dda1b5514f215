/** Time is a port: the core never reads the wall clock, so tests can walk across days and DST. */
export interface Clock {
  now(): Date;
}

/** A clock that only moves when told to; used by the console and by tests. */
export class ManualClock implements Clock {
  #now: Date;
  constructor(start: Date) {
    this.#now = new Date(start.getTime());
  }
  now(): Date {
    return new Date(this.#now.getTime());
  }
  set(to: Date): void {
    this.#now = new Date(to.getTime());
  }
  advance(ms: number): void {
    this.#now = new Date(this.#now.getTime() + ms);
  }
}

/** Errors the database layer raises for the rest of the program. */

/** Another process held SQLite's write lock for longer than Rebound waits. */
export class StoreBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(`the database stayed locked by another process for ${waitedMs} ms`);
    this.name = 'StoreBusyError';
  }
}

/**
 * The database named by the settings cannot be opened: a folder or a file that is not a database
 * in `REBOUND_DB`, a folder that cannot be written, a malformed `DATABASE_URL` or a server that
 * cannot be reached. `message` is one line naming the setting, never a password, fit to print as
 * the reason start-up stopped.
 */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
  constructor(
    /** The setting at fault: `REBOUND_DB` or `DATABASE_URL`. */
    readonly setting: 'REBOUND_DB' | 'DATABASE_URL',
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${setting}: ${problem}`, options);
  }
}

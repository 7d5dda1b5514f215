/** Errors the database layer raises for the rest of the program. */

/** Another process held SQLite's write lock for longer than Rebound waits. */
export class StoreBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(`the database stayed locked by another process for ${waitedMs} ms`);
    this.name = 'StoreBusyError';
  }
}

/**
 * Leases: work that one replica at a time may do (the Discord gateway connection), held in the
 * database so replicas agree on who holds it. A holder renews before the lease lapses; a holder
 * that dies simply stops renewing, and after the lease lapses the next replica to ask takes it.
 */
export interface LeaseRepository {
  /**
   * Takes or renews the lease `name` for `holder` until `now + ttlMs`, atomically across
   * processes. True when `holder` now holds it: it was free, had lapsed (expired at or before
   * `now`), or was already held by `holder` (then renewed); false while another holder's lease runs.
   */
  acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean>;
  /** Gives the lease up, if `holder` holds it; otherwise does nothing. */
  release(name: string, holder: string): Promise<void>;
}

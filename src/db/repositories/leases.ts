/** Leases on work one replica at a time may do, taken and renewed in one atomic upsert. */
import type { LeaseRepository } from '../../core/ports/index.ts';
import type { Dialect } from '../dialect.ts';

/**
 * Inserts the lease, or takes it over when the holder is the same (a renewal) or it has lapsed;
 * a row comes back only when `holder` now holds it. The conflict on the primary key serialises
 * two replicas asking at once: the second sees the first's row and its WHERE decides.
 */
const ACQUIRE_SQL =
  'INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?) ' +
  'ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at ' +
  'WHERE leases.holder = excluded.holder OR leases.expires_at <= ? RETURNING holder';

export function createLeaseRepository(d: Dialect): LeaseRepository {
  return {
    async acquire(name, holder, now, ttlMs) {
      const at = now.getTime();
      return (await d.run(ACQUIRE_SQL, [name, holder, at + ttlMs, at])) === 1;
    },
    async release(name, holder) {
      await d.run('DELETE FROM leases WHERE name = ? AND holder = ?', [name, holder]);
    },
  };
}

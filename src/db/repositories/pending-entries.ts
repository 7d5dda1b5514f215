/** Entries held until their member confirms them ("log it again"). */
import { eq, lt } from 'drizzle-orm';
import type { PendingEntry, PendingEntryRepository, PendingInput } from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Dialect } from '../dialect.ts';
import { scopeOf, type RowOf } from './rows.ts';

export function toPendingEntry(row: RowOf<'pendingEntries'>): PendingEntry {
  // Written only by `create` below, from an input the command's declaration had already read.
  const held = { kind: row.kind, input: JSON.parse(row.input) as unknown } as PendingInput;
  return { ...held, id: row.id, memberId: row.memberId, createdAt: row.createdAt };
}

export function createPendingEntryRepository(d: Dialect): PendingEntryRepository {
  const { pendingEntries } = d.tables;
  return {
    async create(workspace, memberId, entry, now) {
      const [row] = await d.db
        .insert(pendingEntries)
        .values({
          ...scopeOf(workspace),
          memberId,
          kind: entry.kind,
          input: JSON.stringify(entry.input),
          createdAt: now,
        })
        .returning();
      if (!row) throw new InternalError('storage', 'pending entry insert returned no row');
      return toPendingEntry(row);
    },
    async get(id) {
      const [row] = await d.db.select().from(pendingEntries).where(eq(pendingEntries.id, id)).limit(1);
      return row ? toPendingEntry(row) : null;
    },
    async delete(id) {
      return d.changed(await d.db.delete(pendingEntries).where(eq(pendingEntries.id, id))) > 0;
    },
    async deleteOlderThan(before) {
      return d.changed(await d.db.delete(pendingEntries).where(lt(pendingEntries.createdAt, before)));
    },
  };
}

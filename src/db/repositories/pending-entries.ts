/** Entries held until their member confirms them ("log it again"). */
import { eq, lt } from 'drizzle-orm';
import type { PendingEntry, PendingEntryRepository, PendingInput } from '../../core/ports/index.ts';
import type { Db } from '../open.ts';
import type { SyncOf } from '../sqlite-gate.ts';
import { pendingEntries } from '../schema.ts';
import { scopeOf } from './rows.ts';

export function toPendingEntry(row: typeof pendingEntries.$inferSelect): PendingEntry {
  // Written only by `create` below, from an input the command's declaration had already read.
  const held = { kind: row.kind, input: JSON.parse(row.input) as unknown } as PendingInput;
  return { ...held, id: row.id, memberId: row.memberId, createdAt: row.createdAt };
}

export function createPendingEntryRepository(db: Db): SyncOf<PendingEntryRepository> {
  return {
    create(workspace, memberId, entry, now) {
      const row = db
        .insert(pendingEntries)
        .values({
          ...scopeOf(workspace),
          memberId,
          kind: entry.kind,
          input: JSON.stringify(entry.input),
          createdAt: now,
        })
        .returning()
        .get();
      return toPendingEntry(row);
    },
    get(id) {
      const row = db.select().from(pendingEntries).where(eq(pendingEntries.id, id)).get();
      return row ? toPendingEntry(row) : null;
    },
    delete(id) {
      return db.delete(pendingEntries).where(eq(pendingEntries.id, id)).run().changes > 0;
    },
    deleteOlderThan(before) {
      return db.delete(pendingEntries).where(lt(pendingEntries.createdAt, before)).run().changes;
    },
  };
}

/** Workspaces the bot was removed from: `workspaces.removed_at`. */
import { and, asc, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import type { WorkspaceRepository } from '../../core/ports/index.ts';
import type { Platform, WorkspaceRef } from '../../core/types.ts';
import type { Dialect } from '../dialect.ts';
import { scopeOf } from './rows.ts';

export function createWorkspaceRepository(d: Dialect): WorkspaceRepository {
  const { workspaces: w } = d.tables;
  const is = (ws: WorkspaceRef) => and(eq(w.platform, ws.platform), eq(w.workspaceId, ws.workspaceId));
  const toRef = (r: { platform: string; workspaceId: string }): WorkspaceRef => ({
    platform: r.platform as Platform,
    workspaceId: r.workspaceId,
  });
  return {
    async markRemoved(ws, now) {
      // A workspace removed before any group was set up in it has no row yet: it gets one.
      await d.db
        .insert(w)
        .values({ ...scopeOf(ws), createdAt: now })
        .onConflictDoNothing();
      const marked = await d.db
        .update(w)
        .set({ removedAt: now })
        .where(and(is(ws), isNull(w.removedAt)))
        .returning({ workspaceId: w.workspaceId });
      return marked.length > 0;
    },
    async markRestored(ws) {
      const restored = await d.db
        .update(w)
        .set({ removedAt: null })
        .where(and(is(ws), isNotNull(w.removedAt)))
        .returning({ workspaceId: w.workspaceId });
      return restored.length > 0;
    },
    async listRemoved() {
      const rows = await d.db
        .select({ platform: w.platform, workspaceId: w.workspaceId })
        .from(w)
        .where(isNotNull(w.removedAt));
      return rows.map(toRef);
    },
    async listRemovedBefore(before, limit) {
      const rows = await d.db
        .select({ platform: w.platform, workspaceId: w.workspaceId })
        .from(w)
        .where(lte(w.removedAt, before))
        .orderBy(asc(w.removedAt))
        .limit(limit);
      return rows.map(toRef);
    },
  };
}

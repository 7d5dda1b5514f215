/** Forget-me confirmations, so each is used once. */
import { and, eq, lt } from 'drizzle-orm';
import type { ForgetConfirmation, ForgetConfirmationRepository } from '../../core/ports/index.ts';
import type { Db } from '../open.ts';
import type { SyncOf } from '../sqlite-gate.ts';
import { forgetConfirmations } from '../schema.ts';

/** How long a decided or expired confirmation is kept to answer a late press. */
const KEPT_FOR_MS = 30 * 24 * 60 * 60_000;

export function createForgetConfirmationRepository(db: Db): SyncOf<ForgetConfirmationRepository> {
  const toConfirmation = (r: typeof forgetConfirmations.$inferSelect): ForgetConfirmation => ({
    id: r.id,
    workspace: { platform: r.platform, workspaceId: r.workspaceId },
    userId: r.userId,
    state: r.state,
    expiresAt: r.expiresAt,
    decidedAt: r.decidedAt,
  });
  const inWorkspace = (ws: { platform: ForgetConfirmation['workspace']['platform']; workspaceId: string }) =>
    and(eq(forgetConfirmations.platform, ws.platform), eq(forgetConfirmations.workspaceId, ws.workspaceId));
  return {
    create(workspace, userId, expiresAt, now) {
      db.delete(forgetConfirmations)
        .where(and(inWorkspace(workspace), lt(forgetConfirmations.expiresAt, new Date(now.getTime() - KEPT_FOR_MS))))
        .run();
      const row = db
        .insert(forgetConfirmations)
        .values({ ...workspace, userId, state: 'open', expiresAt, createdAt: now, decidedAt: null })
        .returning()
        .get();
      return toConfirmation(row);
    },
    get(id) {
      const row = db.select().from(forgetConfirmations).where(eq(forgetConfirmations.id, id)).get();
      return row ? toConfirmation(row) : null;
    },
    decide(id, state, now) {
      db.update(forgetConfirmations).set({ state, decidedAt: now }).where(eq(forgetConfirmations.id, id)).run();
    },
    markForgotten(workspace, userId, now) {
      db.update(forgetConfirmations)
        .set({ state: 'deleted', userId: null, decidedAt: now })
        .where(and(inWorkspace(workspace), eq(forgetConfirmations.userId, userId)))
        .run();
    },
  };
}

/** Forget-me confirmations, so each is used once. */
import { and, eq, lt } from 'drizzle-orm';
import type {
  ForgetConfirmation,
  ForgetConfirmationRepository,
  ForgetConfirmationState,
} from '../../core/ports/index.ts';
import type { WorkspaceRef } from '../../core/types.ts';
import { InternalError } from '../../core/errors.ts';
import type { Dialect } from '../dialect.ts';
import { instant, optInstant, optStr, str, whole, type RowOf } from './rows.ts';

/** How long a decided or expired confirmation is kept to answer a late press. */
const KEPT_FOR_MS = 30 * 24 * 60 * 60_000;

export function createForgetConfirmationRepository(d: Dialect): ForgetConfirmationRepository {
  const { forgetConfirmations } = d.tables;
  const toConfirmation = (r: RowOf<'forgetConfirmations'>): ForgetConfirmation => ({
    id: r.id,
    workspace: { platform: r.platform, workspaceId: r.workspaceId },
    userId: r.userId,
    state: r.state,
    expiresAt: r.expiresAt,
    decidedAt: r.decidedAt,
  });
  const inWorkspace = (ws: WorkspaceRef) =>
    and(eq(forgetConfirmations.platform, ws.platform), eq(forgetConfirmations.workspaceId, ws.workspaceId));
  return {
    create(workspace, userId, expiresAt, now) {
      return d.transaction(async () => {
        await d.db
          .delete(forgetConfirmations)
          .where(and(inWorkspace(workspace), lt(forgetConfirmations.expiresAt, new Date(now.getTime() - KEPT_FOR_MS))));
        const [row] = await d.db
          .insert(forgetConfirmations)
          .values({
            platform: workspace.platform,
            workspaceId: workspace.workspaceId,
            userId,
            state: 'open',
            expiresAt,
            createdAt: now,
            decidedAt: null,
          })
          .returning();
        if (!row) throw new InternalError('storage', 'forget confirmation insert returned no row');
        return toConfirmation(row);
      });
    },
    async get(id) {
      // Read to be decided on: inside the transaction that decides, PostgreSQL keeps the row locked,
      // so a second press on another replica waits and then reads what the first decided.
      const [r] = await d.rows(
        `SELECT * FROM forget_confirmations WHERE id = ?${d.forUpdate('forget_confirmations')}`,
        [id],
      );
      return r
        ? toConfirmation({
            id: whole(r.id),
            platform: str(r.platform) as WorkspaceRef['platform'],
            workspaceId: str(r.workspace_id),
            userId: optStr(r.user_id),
            state: str(r.state) as ForgetConfirmationState,
            expiresAt: instant(r.expires_at),
            createdAt: instant(r.created_at),
            decidedAt: optInstant(r.decided_at),
          })
        : null;
    },
    async decide(id, state, now) {
      await d.db.update(forgetConfirmations).set({ state, decidedAt: now }).where(eq(forgetConfirmations.id, id));
    },
    async markForgotten(workspace, userId, now) {
      await d.db
        .update(forgetConfirmations)
        .set({ state: 'deleted', userId: null, decidedAt: now })
        .where(and(inWorkspace(workspace), eq(forgetConfirmations.userId, userId)));
    },
  };
}

/** Data rights: everything stored about one person in a workspace, to export or to delete. */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { ForgetReport, MemberExport, PrivacyRepository } from '../../core/ports/index.ts';
import type { PeerReaction, WorkspaceRef } from '../../core/types.ts';
import type { Dialect } from '../dialect.ts';
import type { Tables } from '../schema/define.ts';
import { toPendingEntry } from './pending-entries.ts';
import {
  toApplication,
  toApplicationEvent,
  toCheckIn,
  toDelivery,
  toFollowUp,
  toGroup,
  toInterview,
  toMember,
  toPost,
  toRejection,
  type RowOf,
} from './rows.ts';

/** The tables with a `member_id` that forget-me empties for the person's memberships. */
type MemberOwned = Tables[
  | 'applications'
  | 'applicationEvents'
  | 'interviews'
  | 'rejections'
  | 'updates'
  | 'feedback'
  | 'followUps'
  | 'deliveries'
  | 'checkIns'
  | 'goals'
  | 'pendingEntries'];

/**
 * Every table with a workspace's rows, those that point at others first (so no foreign key is in
 * the way). A table added to the schema with `platform` + `workspace_id` belongs here: the
 * workspace-deletion test finds any table left out.
 */
export const WORKSPACE_TABLES = [
  'reactions',
  'deliveries',
  'pending_entries',
  'goals',
  'check_ins',
  'check_in_threads',
  'follow_ups',
  'feedback',
  'updates',
  'rejections',
  'interviews',
  'application_events',
  'applications',
  'posts',
  'members',
  'groups',
  'forget_confirmations',
  'console_clocks',
  'inbound_events',
  'workspaces',
] as const;

export function createPrivacyRepository(d: Dialect): PrivacyRepository {
  const {
    applications,
    applicationEvents,
    checkIns,
    deliveries,
    feedback,
    followUps,
    goals,
    groups,
    interviews,
    members,
    pendingEntries,
    posts,
    reactions,
    rejections,
    updates,
  } = d.tables;
  const inWorkspace = <T extends Tables['members' | 'reactions' | 'groups']>(table: T, ws: WorkspaceRef) =>
    and(eq(table.platform, ws.platform), eq(table.workspaceId, ws.workspaceId));

  const toReaction = (r: RowOf<'reactions'>): PeerReaction => ({
    postId: r.postId,
    reactorUserId: r.reactorUserId,
    emoji: r.emoji,
    createdAt: r.createdAt,
  });

  return {
    async exportMember(ws, userId) {
      const memberships = (
        await d.db
          .select()
          .from(members)
          .where(and(inWorkspace(members, ws), eq(members.userId, userId)))
          .orderBy(asc(members.id))
      ).map(toMember);
      const ids = memberships.map((m) => m.id);
      const groupIds = [...new Set(memberships.map((m) => m.groupId))];
      const ofMember = ids.length > 0;
      const postRows = ofMember
        ? await d.db.select().from(posts).where(inArray(posts.memberId, ids)).orderBy(asc(posts.id))
        : [];
      const postIds = postRows.map((p) => p.id);
      const groupRows = groupIds.length ? await d.db.select().from(groups).where(inArray(groups.id, groupIds)) : [];
      return {
        workspace: ws,
        userId,
        memberships,
        groups: groupRows.map(toGroup).map((g) => ({
          id: g.id,
          name: g.name,
          channelId: g.channelId,
          timezone: g.timezone,
          adminUserIds: g.adminUserIds,
        })),
        applications: ofMember
          ? (
              await d.db
                .select()
                .from(applications)
                .where(inArray(applications.memberId, ids))
                .orderBy(asc(applications.id))
            ).map(toApplication)
          : [],
        applicationEvents: ofMember
          ? (
              await d.db
                .select()
                .from(applicationEvents)
                .where(inArray(applicationEvents.memberId, ids))
                .orderBy(asc(applicationEvents.id))
            ).map(toApplicationEvent)
          : [],
        interviews: ofMember
          ? (
              await d.db.select().from(interviews).where(inArray(interviews.memberId, ids)).orderBy(asc(interviews.id))
            ).map(toInterview)
          : [],
        rejections: ofMember
          ? (
              await d.db.select().from(rejections).where(inArray(rejections.memberId, ids)).orderBy(asc(rejections.id))
            ).map(toRejection)
          : [],
        updates: ofMember
          ? (await d.db.select().from(updates).where(inArray(updates.memberId, ids)).orderBy(asc(updates.id))).map(
              (r) => ({ id: r.id, memberId: r.memberId, text: r.text, source: r.source, createdAt: r.createdAt }),
            )
          : [],
        feedback: ofMember
          ? (await d.db.select().from(feedback).where(inArray(feedback.memberId, ids)).orderBy(asc(feedback.id))).map(
              (r) => ({
                id: r.id,
                memberId: r.memberId,
                applicationId: r.applicationId,
                text: r.text,
                createdAt: r.createdAt,
              }),
            )
          : [],
        followUps: ofMember
          ? (
              await d.db.select().from(followUps).where(inArray(followUps.memberId, ids)).orderBy(asc(followUps.id))
            ).map(toFollowUp)
          : [],
        deliveries: ofMember
          ? (
              await d.db.select().from(deliveries).where(inArray(deliveries.memberId, ids)).orderBy(asc(deliveries.id))
            ).map(toDelivery)
          : [],
        checkIns: ofMember
          ? (
              await d.db.select().from(checkIns).where(inArray(checkIns.memberId, ids)).orderBy(asc(checkIns.localDate))
            ).map(toCheckIn)
          : [],
        goals: ofMember
          ? (await d.db.select().from(goals).where(inArray(goals.memberId, ids))).map((r) => ({
              memberId: r.memberId,
              applications: r.applications,
              networking: r.networking,
              updatedAt: r.updatedAt,
            }))
          : [],
        posts: postRows.map(toPost),
        reactionsGiven: (
          await d.db
            .select()
            .from(reactions)
            .where(and(inWorkspace(reactions, ws), eq(reactions.reactorUserId, userId)))
            .orderBy(asc(reactions.id))
        ).map(toReaction),
        reactionsReceived: postIds.length
          ? (
              await d.db.select().from(reactions).where(inArray(reactions.postId, postIds)).orderBy(asc(reactions.id))
            ).map(toReaction)
          : [],
        pendingEntries: ofMember
          ? (
              await d.db
                .select()
                .from(pendingEntries)
                .where(inArray(pendingEntries.memberId, ids))
                .orderBy(asc(pendingEntries.id))
            ).map(toPendingEntry)
          : [],
      } satisfies MemberExport;
    },

    forgetMember(ws, userId) {
      return d.transaction(async () => {
        const ids = (
          await d.db
            .select({ id: members.id })
            .from(members)
            .where(and(inWorkspace(members, ws), eq(members.userId, userId)))
        ).map((r) => r.id);
        const postIds = ids.length
          ? (await d.db.select({ id: posts.id }).from(posts).where(inArray(posts.memberId, ids))).map((p) => p.id)
          : [];
        const byMember = async (table: MemberOwned): Promise<number> =>
          ids.length ? d.changed(await d.db.delete(table).where(inArray(table.memberId, ids))) : 0;
        const givenOrReceived = postIds.length
          ? or(and(inWorkspace(reactions, ws), eq(reactions.reactorUserId, userId)), inArray(reactions.postId, postIds))
          : and(inWorkspace(reactions, ws), eq(reactions.reactorUserId, userId));
        const reactionCount = d.changed(await d.db.delete(reactions).where(givenOrReceived));
        const postCount = postIds.length ? d.changed(await d.db.delete(posts).where(inArray(posts.id, postIds))) : 0;
        // Children before parents, so nothing depends on a cascade (or on foreign keys being on).
        const report: Omit<ForgetReport, 'members' | 'applications' | 'adminEntries'> = {
          reactions: reactionCount,
          posts: postCount,
          deliveries: await byMember(deliveries),
          goals: await byMember(goals),
          checkIns: await byMember(checkIns),
          followUps: await byMember(followUps),
          feedback: await byMember(feedback),
          rejections: await byMember(rejections),
          applicationEvents: await byMember(applicationEvents),
          interviews: await byMember(interviews),
          updates: await byMember(updates),
        };
        await byMember(pendingEntries);
        const applicationCount = await byMember(applications);
        const memberCount = ids.length ? d.changed(await d.db.delete(members).where(inArray(members.id, ids))) : 0;
        let adminEntries = 0;
        for (const g of (await d.db.select().from(groups).where(inWorkspace(groups, ws))).map(toGroup)) {
          if (!g.adminUserIds.includes(userId)) continue;
          await d.db
            .update(groups)
            .set({ adminUserIds: JSON.stringify(g.adminUserIds.filter((u) => u !== userId)) })
            .where(eq(groups.id, g.id));
          adminEntries++;
        }
        return { ...report, applications: applicationCount, members: memberCount, adminEntries };
      });
    },
    deleteWorkspace(ws, removedBefore) {
      return d.transaction(async () => {
        // Locked, so a reinstall in another process waits for this and then finds nothing to restore.
        const still = await d.rows(
          `SELECT workspace_id FROM workspaces WHERE platform = ? AND workspace_id = ? AND removed_at <= ?${d.forUpdate('workspaces')}`,
          [ws.platform, ws.workspaceId, removedBefore.getTime()],
        );
        if (still.length === 0) return null;
        let rows = 0;
        for (const table of WORKSPACE_TABLES) {
          rows += await d.run(`DELETE FROM ${table} WHERE platform = ? AND workspace_id = ?`, [
            ws.platform,
            ws.workspaceId,
          ]);
        }
        // What the Slack adapter keeps for the workspace (its installation, a dead token); not an
        // installation made again meanwhile, which is no longer marked removed.
        if (ws.platform === 'slack')
          rows += await d.run('DELETE FROM slack_installations WHERE team_id = ? AND removed_at IS NOT NULL', [
            ws.workspaceId,
          ]);
        return rows;
      });
    },
  };
}

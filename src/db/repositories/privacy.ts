/** Data rights: everything stored about one person in a workspace, to export or to delete. */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { ForgetReport, MemberExport, PrivacyRepository } from '../../core/ports/index.ts';
import type { PeerReaction, WorkspaceRef } from '../../core/types.ts';
import type { Db } from '../open.ts';
import type { SyncOf } from '../sqlite-gate.ts';
import {
  applications,
  checkIns,
  deliveries,
  feedback,
  followUps,
  goals,
  groups,
  members,
  pendingEntries,
  posts,
  reactions,
  rejections,
  updates,
} from '../schema.ts';
import { toPendingEntry } from './pending-entries.ts';
import { toApplication, toCheckIn, toDelivery, toFollowUp, toGroup, toMember, toPost, toRejection } from './rows.ts';

export function createPrivacyRepository(db: Db): SyncOf<PrivacyRepository> {
  const inWorkspace = <T extends typeof members | typeof reactions | typeof groups>(table: T, ws: WorkspaceRef) =>
    and(eq(table.platform, ws.platform), eq(table.workspaceId, ws.workspaceId));

  const memberIdsOf = (ws: WorkspaceRef, userId: string): number[] =>
    db
      .select({ id: members.id })
      .from(members)
      .where(and(inWorkspace(members, ws), eq(members.userId, userId)))
      .all()
      .map((r) => r.id);

  const toReaction = (r: typeof reactions.$inferSelect): PeerReaction => ({
    postId: r.postId,
    reactorUserId: r.reactorUserId,
    emoji: r.emoji,
    createdAt: r.createdAt,
  });

  return {
    exportMember(ws, userId) {
      const memberships = db
        .select()
        .from(members)
        .where(and(inWorkspace(members, ws), eq(members.userId, userId)))
        .orderBy(asc(members.id))
        .all()
        .map(toMember);
      const ids = memberships.map((m) => m.id);
      const groupIds = [...new Set(memberships.map((m) => m.groupId))];
      const ofMember = ids.length > 0;
      const postRows = ofMember
        ? db.select().from(posts).where(inArray(posts.memberId, ids)).orderBy(asc(posts.id)).all()
        : [];
      const postIds = postRows.map((p) => p.id);
      return {
        workspace: ws,
        userId,
        memberships,
        groups: groupIds.length
          ? db
              .select()
              .from(groups)
              .where(inArray(groups.id, groupIds))
              .all()
              .map(toGroup)
              .map((g) => ({
                id: g.id,
                name: g.name,
                channelId: g.channelId,
                timezone: g.timezone,
                adminUserIds: g.adminUserIds,
              }))
          : [],
        applications: ofMember
          ? db
              .select()
              .from(applications)
              .where(inArray(applications.memberId, ids))
              .orderBy(asc(applications.id))
              .all()
              .map(toApplication)
          : [],
        rejections: ofMember
          ? db
              .select()
              .from(rejections)
              .where(inArray(rejections.memberId, ids))
              .orderBy(asc(rejections.id))
              .all()
              .map(toRejection)
          : [],
        updates: ofMember
          ? db
              .select()
              .from(updates)
              .where(inArray(updates.memberId, ids))
              .orderBy(asc(updates.id))
              .all()
              .map((r) => ({ id: r.id, memberId: r.memberId, text: r.text, source: r.source, createdAt: r.createdAt }))
          : [],
        feedback: ofMember
          ? db
              .select()
              .from(feedback)
              .where(inArray(feedback.memberId, ids))
              .orderBy(asc(feedback.id))
              .all()
              .map((r) => ({
                id: r.id,
                memberId: r.memberId,
                applicationId: r.applicationId,
                text: r.text,
                createdAt: r.createdAt,
              }))
          : [],
        followUps: ofMember
          ? db
              .select()
              .from(followUps)
              .where(inArray(followUps.memberId, ids))
              .orderBy(asc(followUps.id))
              .all()
              .map(toFollowUp)
          : [],
        deliveries: ofMember
          ? db
              .select()
              .from(deliveries)
              .where(inArray(deliveries.memberId, ids))
              .orderBy(asc(deliveries.id))
              .all()
              .map(toDelivery)
          : [],
        checkIns: ofMember
          ? db
              .select()
              .from(checkIns)
              .where(inArray(checkIns.memberId, ids))
              .orderBy(asc(checkIns.localDate))
              .all()
              .map(toCheckIn)
          : [],
        goals: ofMember
          ? db
              .select()
              .from(goals)
              .where(inArray(goals.memberId, ids))
              .all()
              .map((r) => ({
                memberId: r.memberId,
                applications: r.applications,
                networking: r.networking,
                updatedAt: r.updatedAt,
              }))
          : [],
        posts: postRows.map(toPost),
        reactionsGiven: db
          .select()
          .from(reactions)
          .where(and(inWorkspace(reactions, ws), eq(reactions.reactorUserId, userId)))
          .orderBy(asc(reactions.id))
          .all()
          .map(toReaction),
        reactionsReceived: postIds.length
          ? db
              .select()
              .from(reactions)
              .where(inArray(reactions.postId, postIds))
              .orderBy(asc(reactions.id))
              .all()
              .map(toReaction)
          : [],
        pendingEntries: ofMember
          ? db
              .select()
              .from(pendingEntries)
              .where(inArray(pendingEntries.memberId, ids))
              .orderBy(asc(pendingEntries.id))
              .all()
              .map(toPendingEntry)
          : [],
      } satisfies MemberExport;
    },

    forgetMember(ws, userId) {
      return db.transaction((tx) => {
        const ids = memberIdsOf(ws, userId);
        const postIds = ids.length
          ? tx
              .select({ id: posts.id })
              .from(posts)
              .where(inArray(posts.memberId, ids))
              .all()
              .map((p) => p.id)
          : [];
        const byMember = <
          T extends
            | typeof applications
            | typeof rejections
            | typeof updates
            | typeof feedback
            | typeof followUps
            | typeof deliveries
            | typeof checkIns
            | typeof goals
            | typeof pendingEntries,
        >(
          table: T,
        ): number => (ids.length ? tx.delete(table).where(inArray(table.memberId, ids)).run().changes : 0);
        const givenOrReceived = postIds.length
          ? or(and(inWorkspace(reactions, ws), eq(reactions.reactorUserId, userId)), inArray(reactions.postId, postIds))
          : and(inWorkspace(reactions, ws), eq(reactions.reactorUserId, userId));
        const reactionCount = tx.delete(reactions).where(givenOrReceived).run().changes;
        const postCount = postIds.length ? tx.delete(posts).where(inArray(posts.id, postIds)).run().changes : 0;
        // Children before parents, so nothing depends on a cascade (or on foreign keys being on).
        const report: Omit<ForgetReport, 'members' | 'applications' | 'adminEntries'> = {
          reactions: reactionCount,
          posts: postCount,
          deliveries: byMember(deliveries),
          goals: byMember(goals),
          checkIns: byMember(checkIns),
          followUps: byMember(followUps),
          feedback: byMember(feedback),
          rejections: byMember(rejections),
          updates: byMember(updates),
        };
        byMember(pendingEntries);
        const applicationCount = byMember(applications);
        const memberCount = ids.length ? tx.delete(members).where(inArray(members.id, ids)).run().changes : 0;
        let adminEntries = 0;
        for (const g of tx.select().from(groups).where(inWorkspace(groups, ws)).all().map(toGroup)) {
          if (!g.adminUserIds.includes(userId)) continue;
          tx.update(groups)
            .set({ adminUserIds: JSON.stringify(g.adminUserIds.filter((u) => u !== userId)) })
            .where(eq(groups.id, g.id))
            .run();
          adminEntries++;
        }
        return { ...report, applications: applicationCount, members: memberCount, adminEntries };
      });
    },
  };
}

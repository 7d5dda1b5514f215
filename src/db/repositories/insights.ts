/** Read-only queries behind /stats, /stats group and the weekly digest. */
import { and, asc, count, eq, gte, inArray, isNotNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { ApplicationFact, DoneFollowUpFact, InsightsRepository } from '../../core/ports/index.ts';
import type { Application, Feedback } from '../../core/types.ts';
import type { Dialect } from '../dialect.ts';
import {
  chunks,
  toApplication,
  toApplicationEvent,
  toCheckIn,
  toFollowUp,
  toMember,
  toRejection,
  type RowOf,
} from './rows.ts';

const ADVANCED = ['interviewing', 'offer', 'accepted'];

export function createInsightsRepository(d: Dialect): InsightsRepository {
  const {
    applications,
    applicationEvents,
    checkIns,
    feedback,
    followUps,
    interviews,
    members,
    posts,
    reactions,
    rejections,
  } = d.tables;
  const applicationFacts = async (where: ReturnType<typeof and>): Promise<ApplicationFact[]> =>
    (
      await d.db.select().from(applications).where(where).orderBy(asc(applications.createdAt), asc(applications.id))
    ).map((r) => ({ ...toApplication(r), viaRejection: r.createdByRejection }));

  /** The members' applications moved to one of `statuses` within the window (by an event then), once each. */
  const movedTo = async (
    statuses: readonly string[],
    memberIds: readonly number[],
    window: { readonly from: Date; readonly to: Date },
    ...order: SQL[]
  ): Promise<Application[]> =>
    uniqueApplications(
      (
        await d.db
          .select({ row: applications })
          .from(applicationEvents)
          .innerJoin(applications, eq(applicationEvents.applicationId, applications.id))
          .where(
            and(
              inArray(applicationEvents.memberId, [...memberIds]),
              inArray(applicationEvents.status, [...statuses]),
              gte(applicationEvents.at, window.from),
              lt(applicationEvents.at, window.to),
            ),
          )
          .orderBy(...order)
      ).map((r) => toApplication(r.row)),
    );

  // Steps closed by something the member logged (an application ending keep-applying) were not done by them.
  const doneFollowUps = async (where: ReturnType<typeof and>): Promise<DoneFollowUpFact[]> =>
    (
      await d.db
        .select()
        .from(followUps)
        .where(and(eq(followUps.status, 'done'), eq(followUps.closedAutomatically, false), where))
        .orderBy(asc(followUps.updatedAt))
    )
      .map(toFollowUp)
      .map((f) => ({
        id: f.id,
        memberId: f.memberId,
        ruleId: f.ruleId,
        applicationId: f.applicationId,
        doneAt: f.updatedAt,
      }));

  const toFeedback = (r: RowOf<'feedback'>): Feedback => ({
    id: r.id,
    memberId: r.memberId,
    applicationId: r.applicationId,
    text: r.text,
    createdAt: r.createdAt,
  });

  return {
    async memberFacts(memberId) {
      const [member] = await d.db.select().from(members).where(eq(members.id, memberId)).limit(1);
      const [received] = await d.db
        .select({ n: count() })
        .from(reactions)
        .innerJoin(posts, eq(reactions.postId, posts.id))
        .where(eq(posts.memberId, memberId));
      const [given] = member
        ? await d.db
            .select({ n: count() })
            .from(reactions)
            .innerJoin(posts, eq(reactions.postId, posts.id))
            .where(
              and(
                eq(posts.groupId, member.groupId),
                eq(reactions.reactorUserId, member.userId),
                isNotNull(posts.memberId),
              ),
            )
        : [];
      return {
        applications: await applicationFacts(eq(applications.memberId, memberId)),
        events: (
          await d.db
            .select()
            .from(applicationEvents)
            .where(eq(applicationEvents.memberId, memberId))
            .orderBy(asc(applicationEvents.at), asc(applicationEvents.id))
        ).map(toApplicationEvent),
        rejections: (
          await d.db
            .select()
            .from(rejections)
            .where(eq(rejections.memberId, memberId))
            .orderBy(asc(rejections.rejectedOn))
        ).map(toRejection),
        feedback: (
          await d.db.select().from(feedback).where(eq(feedback.memberId, memberId)).orderBy(asc(feedback.id))
        ).map(toFeedback),
        followUpsDone: await doneFollowUps(eq(followUps.memberId, memberId)),
        checkIns: (
          await d.db.select().from(checkIns).where(eq(checkIns.memberId, memberId)).orderBy(asc(checkIns.localDate))
        ).map(toCheckIn),
        reactionsReceived: received?.n ?? 0,
        reactionsGiven: given?.n ?? 0,
      };
    },

    async groupFacts(groupId, window) {
      const memberRows = (
        await d.db.select().from(members).where(eq(members.groupId, groupId)).orderBy(asc(members.id))
      ).map(toMember);
      const ids = memberRows.map((m) => m.id);
      if (ids.length === 0) {
        return {
          members: [],
          applications: [],
          advanced: [],
          interviewed: [],
          offers: [],
          rejections: [],
          followUpsDone: [],
          feedback: [],
          checkIns: [],
          reactions: [],
          referenced: [],
        };
      }
      const { from, to } = window;
      // Written out: drizzle leaves columns unqualified in a select list, which a correlated subquery would misread.
      const stepsDone = sql<number>`(select count(*) from follow_ups f where f.application_id = rejections.application_id and f.status = 'done' and not f.closed_automatically and f.updated_at >= rejections.created_at)`;
      const rejectionRows = (
        await d.db
          .select({ row: rejections, stepsDone })
          .from(rejections)
          .where(
            and(inArray(rejections.memberId, ids), gte(rejections.rejectedOn, from), lt(rejections.rejectedOn, to)),
          )
          .orderBy(asc(rejections.rejectedOn))
      ).map((r) => ({ ...toRejection(r.row), followUpsDone: Number(r.stepsDone) }));
      const followUpsDone = await doneFollowUps(
        and(inArray(followUps.memberId, ids), gte(followUps.updatedAt, from), lt(followUps.updatedAt, to)),
      );
      const feedbackRows = (
        await d.db
          .select()
          .from(feedback)
          .where(and(inArray(feedback.memberId, ids), gte(feedback.createdAt, from), lt(feedback.createdAt, to)))
          .orderBy(asc(feedback.id))
      ).map(toFeedback);
      const referencedIds = [
        ...new Set([
          ...rejectionRows.map((r) => r.applicationId),
          ...followUpsDone.flatMap((f) => (f.applicationId === null ? [] : [f.applicationId])),
          ...feedbackRows.map((f) => f.applicationId),
        ]),
      ];
      const referenced = [];
      for (const part of chunks(referencedIds, 1000)) {
        referenced.push(
          ...(await d.db.select().from(applications).where(inArray(applications.id, part))).map(toApplication),
        );
      }
      return {
        members: memberRows,
        applications: await applicationFacts(
          and(inArray(applications.memberId, ids), gte(applications.createdAt, from), lt(applications.createdAt, to)),
        ),
        // By the moves themselves (the history), so an edit of an application is no move; in the
        // order they were logged, on every store.
        advanced: await movedTo(ADVANCED, ids, window, asc(applications.id)),
        interviewed: uniqueApplications(
          (
            await d.db
              .select({ row: applications })
              .from(interviews)
              .innerJoin(applications, eq(interviews.applicationId, applications.id))
              .where(and(inArray(interviews.memberId, ids), gte(interviews.at, from), lt(interviews.at, to)))
              .orderBy(asc(interviews.at), asc(interviews.id))
          ).map((r) => toApplication(r.row)),
        ),
        offers: await movedTo(['offer'], ids, window, asc(applicationEvents.at), asc(applicationEvents.id)),
        rejections: rejectionRows,
        followUpsDone,
        feedback: feedbackRows,
        checkIns: (
          await d.db
            .select()
            .from(checkIns)
            .where(
              and(
                eq(checkIns.groupId, groupId),
                gte(checkIns.localDate, window.firstDate),
                lte(checkIns.localDate, window.lastDate),
              ),
            )
            .orderBy(asc(checkIns.localDate))
        ).map(toCheckIn),
        reactions: (
          await d.db
            .select({
              reactorUserId: reactions.reactorUserId,
              memberId: posts.memberId,
              createdAt: reactions.createdAt,
            })
            .from(reactions)
            .innerJoin(posts, eq(reactions.postId, posts.id))
            .where(
              and(
                eq(posts.groupId, groupId),
                isNotNull(posts.memberId),
                gte(reactions.createdAt, from),
                lt(reactions.createdAt, to),
              ),
            )
        ).flatMap((r) =>
          r.memberId === null ? [] : [{ reactorUserId: r.reactorUserId, memberId: r.memberId, createdAt: r.createdAt }],
        ),
        referenced,
      };
    },

    async groupPipeline(groupId) {
      // Joined to the group's memberships: one read per table, however many members and applications.
      const ofGroup = eq(members.groupId, groupId);
      const appRows = await d.db
        .select({ row: applications })
        .from(applications)
        .innerJoin(members, eq(applications.memberId, members.id))
        .where(ofGroup)
        .orderBy(asc(applications.createdAt), asc(applications.id));
      const eventRows = await d.db
        .select({ row: applicationEvents })
        .from(applicationEvents)
        .innerJoin(members, eq(applicationEvents.memberId, members.id))
        .where(ofGroup)
        .orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
      const rejectionRows = await d.db
        .select({ row: rejections })
        .from(rejections)
        .innerJoin(members, eq(rejections.memberId, members.id))
        .where(ofGroup)
        .orderBy(asc(rejections.rejectedOn), asc(rejections.id));
      return {
        applications: appRows.map((r) => ({ ...toApplication(r.row), viaRejection: r.row.createdByRejection })),
        events: eventRows.map((r) => toApplicationEvent(r.row)),
        rejections: rejectionRows.map((r) => toRejection(r.row)),
      };
    },
  };
}

function uniqueApplications<T extends { readonly id: number }>(items: readonly T[]): T[] {
  const seen = new Set<number>();
  return items.filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
}

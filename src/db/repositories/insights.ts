/** Read-only queries behind /stats, /stats group and the weekly digest. */
import { and, asc, count, eq, gte, inArray, isNotNull, lt, lte, sql } from 'drizzle-orm';
import type { ApplicationFact, DoneFollowUpFact, InsightsRepository } from '../../core/ports/index.ts';
import type { Feedback } from '../../core/types.ts';
import type { Db } from '../open.ts';
import type { SyncOf } from '../sqlite-gate.ts';
import { applications, checkIns, feedback, followUps, members, posts, reactions, rejections } from '../schema.ts';
import { toApplication, toCheckIn, toFollowUp, toMember, toRejection } from './rows.ts';

const ADVANCED = ['interviewing', 'offer', 'accepted'];

export function createInsightsRepository(db: Db): SyncOf<InsightsRepository> {
  const applicationFacts = (where: ReturnType<typeof and>): ApplicationFact[] =>
    db
      .select()
      .from(applications)
      .where(where)
      .orderBy(asc(applications.createdAt), asc(applications.id))
      .all()
      .map((r) => ({ ...toApplication(r), viaRejection: r.createdByRejection }));

  // Steps closed by something the member logged (an application ending keep-applying) were not done by them.
  const doneFollowUps = (where: ReturnType<typeof and>): DoneFollowUpFact[] =>
    db
      .select()
      .from(followUps)
      .where(and(eq(followUps.status, 'done'), eq(followUps.closedAutomatically, false), where))
      .orderBy(asc(followUps.updatedAt))
      .all()
      .map(toFollowUp)
      .map((f) => ({
        id: f.id,
        memberId: f.memberId,
        ruleId: f.ruleId,
        applicationId: f.applicationId,
        doneAt: f.updatedAt,
      }));

  const toFeedback = (r: typeof feedback.$inferSelect): Feedback => ({
    id: r.id,
    memberId: r.memberId,
    applicationId: r.applicationId,
    text: r.text,
    createdAt: r.createdAt,
  });

  return {
    memberFacts(memberId) {
      const member = db.select().from(members).where(eq(members.id, memberId)).get();
      const reactionsReceived =
        db
          .select({ n: count() })
          .from(reactions)
          .innerJoin(posts, eq(reactions.postId, posts.id))
          .where(eq(posts.memberId, memberId))
          .get()?.n ?? 0;
      const reactionsGiven = member
        ? (db
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
            .get()?.n ?? 0)
        : 0;
      return {
        applications: applicationFacts(eq(applications.memberId, memberId)),
        rejections: db
          .select()
          .from(rejections)
          .where(eq(rejections.memberId, memberId))
          .orderBy(asc(rejections.rejectedOn))
          .all()
          .map(toRejection),
        feedback: db
          .select()
          .from(feedback)
          .where(eq(feedback.memberId, memberId))
          .orderBy(asc(feedback.id))
          .all()
          .map(toFeedback),
        followUpsDone: doneFollowUps(eq(followUps.memberId, memberId)),
        checkIns: db
          .select()
          .from(checkIns)
          .where(eq(checkIns.memberId, memberId))
          .orderBy(asc(checkIns.localDate))
          .all()
          .map(toCheckIn),
        reactionsReceived,
        reactionsGiven,
      };
    },

    groupFacts(groupId, window) {
      const memberRows = db
        .select()
        .from(members)
        .where(eq(members.groupId, groupId))
        .orderBy(asc(members.id))
        .all()
        .map(toMember);
      const ids = memberRows.map((m) => m.id);
      if (ids.length === 0) {
        return {
          members: [],
          applications: [],
          advanced: [],
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
      const stepsDone = sql<number>`(select count(*) from follow_ups f where f.application_id = rejections.application_id and f.status = 'done' and f.closed_automatically = 0 and f.updated_at >= rejections.created_at)`;
      const rejectionRows = db
        .select({ row: rejections, stepsDone })
        .from(rejections)
        .where(and(inArray(rejections.memberId, ids), gte(rejections.rejectedOn, from), lt(rejections.rejectedOn, to)))
        .orderBy(asc(rejections.rejectedOn))
        .all()
        .map((r) => ({ ...toRejection(r.row), followUpsDone: Number(r.stepsDone) }));
      const followUpsDone = doneFollowUps(
        and(inArray(followUps.memberId, ids), gte(followUps.updatedAt, from), lt(followUps.updatedAt, to)),
      );
      const feedbackRows = db
        .select()
        .from(feedback)
        .where(and(inArray(feedback.memberId, ids), gte(feedback.createdAt, from), lt(feedback.createdAt, to)))
        .orderBy(asc(feedback.id))
        .all()
        .map(toFeedback);
      const referencedIds = [
        ...new Set([
          ...rejectionRows.map((r) => r.applicationId),
          ...followUpsDone.flatMap((f) => (f.applicationId === null ? [] : [f.applicationId])),
          ...feedbackRows.map((f) => f.applicationId),
        ]),
      ];
      return {
        members: memberRows,
        applications: applicationFacts(
          and(inArray(applications.memberId, ids), gte(applications.createdAt, from), lt(applications.createdAt, to)),
        ),
        advanced: db
          .select()
          .from(applications)
          .where(
            and(
              inArray(applications.memberId, ids),
              inArray(applications.status, ADVANCED),
              gte(applications.updatedAt, from),
              lt(applications.updatedAt, to),
            ),
          )
          .all()
          .map(toApplication),
        rejections: rejectionRows,
        followUpsDone,
        feedback: feedbackRows,
        checkIns: db
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
          .all()
          .map(toCheckIn),
        reactions: db
          .select({ reactorUserId: reactions.reactorUserId, memberId: posts.memberId, createdAt: reactions.createdAt })
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
          .all()
          .flatMap((r) =>
            r.memberId === null
              ? []
              : [{ reactorUserId: r.reactorUserId, memberId: r.memberId, createdAt: r.createdAt }],
          ),
        referenced: referencedIds.length
          ? db.select().from(applications).where(inArray(applications.id, referencedIds)).all().map(toApplication)
          : [],
      };
    },
  };
}

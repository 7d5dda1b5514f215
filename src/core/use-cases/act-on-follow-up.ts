import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { ButtonEvent } from '../events.ts';
import type { Reply } from '../messages.ts';
import { SILENCE_RULE_IDS } from '../pipeline-rules.ts';
import { planSteps } from '../plan.ts';
import {
  nudgeMessage,
  OUTCOME_MARK,
  parseFollowUpActionId,
  type FollowUpAction,
  type FollowUpView,
} from '../render/follow-ups.ts';
import { findRule } from '../rules.ts';
import { addDays, atLocalTime, formatWhen, localDate, localMinuteOfDay, type ZoneBesideGroup } from '../time.ts';
import type { Store } from '../ports/index.ts';
import type { FollowUp, Group, Member } from '../types.ts';
import { memberZone, messageRefOf, sameWorkspace, workspaceOf } from './context.ts';
import { followUpList } from './list-follow-ups.ts';
import { AWAITING } from './schedule-silence.ts';

const STALE = 'That step no longer exists (it may have been closed or removed). /followups shows what is open.';

const NOT_YOURS = "That button belongs to someone else's plan, so I left it alone.";

/**
 * Done / Snooze 2d / Skip on a follow-up, from a nudge or from /followups, and the list's paging.
 * Only its owner may act. A nudge is redrawn with what became of each step; the list is redrawn
 * with the step's outcome on top, and its other buttons keep working.
 */
export async function actOnFollowUp(deps: CoreDeps, event: ButtonEvent): Promise<Reply> {
  const parsed = parseFollowUpActionId(event.actionId);
  if (!parsed) throw new UserError(STALE);
  if (parsed.kind === 'page' || parsed.kind === 'list') {
    const { member, group } = await deps.store.transaction((tx) => ownMember(tx, event, parsed.memberId));
    if (parsed.kind === 'list') return { type: 'private', message: await followUpList(deps, member, group, 1) };
    return { type: 'replace', message: await followUpList(deps, member, group, parsed.page) };
  }
  const now = deps.clock.now();
  const outcome = await deps.store.transaction(async (tx) => {
    const followUp = await tx.followUps.get(parsed.followUpId);
    if (!followUp) throw new UserError(STALE);
    const { member, group } = await ownMember(tx, event, followUp.memberId);
    if (followUp.status !== 'pending' && followUp.status !== 'snoozed') {
      throw new UserError(`That step is already ${followUp.status}.`);
    }
    const zone = memberZone(member, group);
    // Snooze puts off a step that is due; a step still ahead stays where it is (it was never earlier).
    if (parsed.action === 'snooze' && followUp.dueAt.getTime() > now.getTime()) {
      throw new UserError(
        `That step is not due until ${formatWhen(followUp.dueAt, { zone, groupZone: group.timezone })}, so there is nothing to snooze: it stays where it is.`,
      );
    }
    const updated = await apply({ ...deps, store: tx }, parsed.action, followUp, zone, now);
    if (parsed.action === 'done') {
      // Chained rules: a step done can start the next one (asking for feedback → noting the answer).
      const doneRule = findRule(deps.rules, followUp.ruleId);
      const steps = doneRule ? planSteps(deps.rules, group, { kind: 'done', rule: doneRule.id }, now, zone) : [];
      await tx.followUps.createMany(
        steps.map((s) => ({
          workspace: group.workspace,
          memberId: member.id,
          applicationId: followUp.applicationId,
          ruleId: s.rule.id,
          dueAt: s.dueAt,
          occurrence: s.occurrence,
        })),
        now,
      );
    }
    return { updated, zone, member, group };
  });
  // Times shown name the member's zone when it is not the group's, as the nudge itself did.
  const shown = { zone: outcome.zone, groupZone: outcome.group.timezone };
  if (parsed.listPage !== null) {
    const acted = { followUp: outcome.updated, outcome: outcomeText(outcome.updated, shown, now) ?? '' };
    return {
      type: 'replace',
      message: await followUpList(deps, outcome.member, outcome.group, parsed.listPage, acted),
    };
  }
  return { type: 'replace', message: await redraw(deps, event, outcome.updated, shown, now) };
}

/** The member a button acts for, if it is the one who pressed it, in this workspace. */
async function ownMember(
  store: Store,
  event: ButtonEvent,
  memberId: number,
): Promise<{ member: Member; group: Group }> {
  const member = await store.members.get(memberId);
  if (!member || !sameWorkspace(member.workspace, workspaceOf(event.source))) throw new UserError(STALE);
  if (member.userId !== event.source.actor.userId) throw new UserError(NOT_YOURS);
  const group = await store.groups.get(member.groupId);
  if (!group) throw new UserError(STALE);
  return { member, group };
}

/** Runs inside the press's transaction: `deps.store` is that transaction's store. */
async function apply(deps: CoreDeps, action: FollowUpAction, f: FollowUp, zone: string, now: Date): Promise<FollowUp> {
  switch (action) {
    case 'done':
      return deps.store.followUps.update(f.id, { status: 'done' }, now);
    case 'snooze': {
      const twoDaysOn = atLocalTime(addDays(localDate(now, zone), 2), localMinuteOfDay(now, zone), zone);
      const dueAt = twoDaysOn.getTime() > f.dueAt.getTime() ? twoDaysOn : f.dueAt;
      return deps.store.followUps.update(f.id, { status: 'snoozed', dueAt }, now);
    }
    case 'ghost': {
      // The application stops waiting: ghosted (any later news revives it), its silence steps closed.
      const application = f.applicationId === null ? null : await deps.store.applications.get(f.applicationId);
      if (application && AWAITING.has(application.status)) {
        await deps.store.applications.setStatus(application.id, 'ghosted', now);
        await deps.store.followUps.cancelOpen(application.id, SILENCE_RULE_IDS, now);
      }
      return deps.store.followUps.update(f.id, { status: 'done' }, now);
    }
    case 'skip': {
      const rule = findRule(deps.rules, f.ruleId);
      if (rule?.skipStopsSeries && f.applicationId !== null)
        await deps.store.followUps.cancelOpen(f.applicationId, [rule.id], now);
      return deps.store.followUps.update(f.id, { status: 'skipped' }, now);
    }
  }
}

/** What was done about a step, or undefined while it still waits for a press (a snooze that has run out is due again). */
function outcomeText(f: FollowUp, zone: ZoneBesideGroup, now: Date): string | undefined {
  switch (f.status) {
    case 'done':
      return OUTCOME_MARK.done;
    case 'skipped':
      return OUTCOME_MARK.skip;
    case 'cancelled':
      return '– Closed:';
    case 'snoozed':
      return f.dueAt.getTime() > now.getTime() ? `⏰ Snoozed to ${formatWhen(f.dueAt, zone)}:` : undefined;
    case 'pending':
      return undefined;
  }
}

/** The clicked message, redrawn: every step it carried, with what has been done about each. */
async function redraw(deps: CoreDeps, event: ButtonEvent, updated: FollowUp, zone: ZoneBesideGroup, now: Date) {
  const items = event.messageId
    ? (await deps.store.deliveries.listByMessage(messageRefOf(event.source, event.messageId))).filter(
        (d) => d.kind === 'nudge',
      )
    : [];
  const ids = items.length > 0 ? items.map((d) => d.subjectId).filter((id): id is number => id !== null) : [updated.id];
  const views: FollowUpView[] = [];
  const outcomes = new Map<number, string>();
  for (const id of ids) {
    const f = id === updated.id ? updated : await deps.store.followUps.get(id);
    if (!f) continue;
    views.push({
      followUp: f,
      application: f.applicationId === null ? null : await deps.store.applications.get(f.applicationId),
      interview: f.interviewId === null ? null : await deps.store.interviews.get(f.interviewId),
    });
    const outcome = outcomeText(f, zone, now);
    if (outcome) outcomes.set(f.id, outcome);
  }
  return nudgeMessage(deps.rules, views, zone, outcomes);
}

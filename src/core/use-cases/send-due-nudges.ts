import type { CoreDeps } from '../deps.ts';
import { DeliveryError } from '../errors.ts';
import type { Message } from '../messages.ts';
import { nudgeMessage, type FollowUpView } from '../render/follow-ups.ts';
import { findRule } from '../rules.ts';
import { inWindow, localMinuteOfDay } from '../time.ts';
import type { FollowUp, Group, Member } from '../types.ts';
import { memberZone } from './context.ts';
import { sendWithRetry, type RetryPolicy } from './deliver.ts';

export interface NudgeReport {
  readonly nudges: number;
  readonly items: number;
  readonly deferred: number;
  readonly cancelled: number;
  readonly failed: number;
}

export interface PlannedNudge {
  readonly member: Member;
  readonly group: Group;
  readonly keys: readonly string[];
  readonly message: Message;
}

const MAX_DUE_PER_SWEEP = 50_000;

export function nudgeKey(f: FollowUp): string {
  return `nudge:${f.id}:${f.dueAt.getTime()}`;
}

/** Whether a member can be nudged now: active, not paused, outside quiet hours. */
export function reachableNow(member: Member, group: Group, now: Date): boolean {
  if (!member.active) return false;
  if (member.pausedUntil && member.pausedUntil.getTime() > now.getTime()) return false;
  return !inWindow(localMinuteOfDay(now, memberZone(member, group)), member.quietStartMinute, member.quietEndMinute);
}

/**
 * Phase one, in one transaction: read the due steps, drop those whose condition no longer holds,
 * and claim each remaining step's delivery key. Only steps this process claimed are returned,
 * grouped into one nudge per member.
 */
export function claimDueNudges(deps: CoreDeps, owner: string): { planned: PlannedNudge[]; deferred: number; cancelled: number } {
  const now = deps.clock.now();
  return deps.store.transaction(() => {
    const due = deps.store.followUps.listDue(now, MAX_DUE_PER_SWEEP);
    const byMember = new Map<number, FollowUp[]>();
    for (const f of due) byMember.set(f.memberId, [...(byMember.get(f.memberId) ?? []), f]);
    const groups = new Map<number, Group | null>();
    const planned: PlannedNudge[] = [];
    let deferred = 0;
    let cancelled = 0;
    for (const [memberId, items] of byMember) {
      const member = deps.store.members.get(memberId);
      if (!member) continue;
      if (!groups.has(member.groupId)) groups.set(member.groupId, deps.store.groups.get(member.groupId));
      const group = groups.get(member.groupId);
      if (!group) continue;
      if (!reachableNow(member, group, now)) {
        deferred += items.length;
        continue;
      }
      const views: FollowUpView[] = [];
      const keys: string[] = [];
      for (const f of items) {
        const rule = findRule(deps.rules, f.ruleId);
        if (rule?.condition === 'no-application-since-created' && deps.store.applications.countCreatedSince(member.id, f.createdAt) > 0) {
          deps.store.followUps.update(f.id, { status: 'cancelled' }, now);
          cancelled++;
          continue;
        }
        const key = nudgeKey(f);
        if (!deps.store.deliveries.claim({ key, kind: 'nudge', workspace: member.workspace, memberId: member.id, subjectId: f.id, owner }, now)) continue;
        deps.store.followUps.markNudged([f.id], now);
        keys.push(key);
        views.push({ followUp: f, application: f.applicationId === null ? null : deps.store.applications.get(f.applicationId) });
      }
      if (views.length > 0) planned.push({ member, group, keys, message: nudgeMessage(deps.rules, views, memberZone(member, group)) });
    }
    return { planned, deferred, cancelled };
  });
}

/**
 * Phase two: send one claimed nudge. A DM that fails permanently becomes one mention in the group
 * channel, and the member is marked unreachable by DM so later nudges go there directly.
 */
export async function deliverNudge(deps: CoreDeps, nudge: PlannedNudge, policy: RetryPolicy): Promise<boolean> {
  const { member, group, keys } = nudge;
  const log = { platform: member.workspace.platform, workspace: member.workspace.workspaceId, group: group.id, member: member.id, items: keys.length };
  const markAttempt = () => deps.store.transaction(() => keys.forEach((k) => deps.store.deliveries.markAttempt(k, deps.clock.now())));
  const inGroup = (): Promise<{ channelId: string; messageId: string }> => {
    markAttempt();
    const message: Message = { ...nudge.message, ping: [member.userId], blocks: [{ type: 'text', text: 'I could not reach you by direct message, so here is your nudge:' }, ...nudge.message.blocks] };
    return deps.chat.postToChannel({ workspace: group.workspace, channelId: group.channelId }, message);
  };
  try {
    let sent;
    if (member.dmUnreachable) {
      sent = await sendWithRetry(inGroup, policy);
    } else {
      try {
        sent = await sendWithRetry(() => {
          markAttempt();
          return deps.chat.sendDirect({ workspace: member.workspace, userId: member.userId }, nudge.message);
        }, policy);
      } catch (error) {
        if (!(error instanceof DeliveryError) || error.kind !== 'permanent') throw error;
        deps.logger.warn({ ...log, failure: 'permanent' }, 'DM failed permanently; falling back to the group channel');
        deps.store.members.update(member.id, { dmUnreachable: true });
        sent = await sendWithRetry(inGroup, policy);
      }
    }
    const now = deps.clock.now();
    deps.store.transaction(() => keys.forEach((k) => deps.store.deliveries.markSent(k, sent, now)));
    deps.logger.info({ ...log, outcome: 'sent' }, 'nudge delivered');
    return true;
  } catch (error) {
    const reason = error instanceof DeliveryError ? `${error.kind}: ${error.message}` : String(error);
    const now = deps.clock.now();
    deps.store.transaction(() => keys.forEach((k) => deps.store.deliveries.markFailed(k, reason, now)));
    deps.logger.error({ ...log, outcome: 'failed', failure: error instanceof DeliveryError ? error.kind : 'unexpected' }, 'nudge not delivered');
    return false;
  }
}

/** One sweep's worth of nudges: claim, then send each, one nudge per member. */
export async function sendDueNudges(deps: CoreDeps, owner: string, policy: RetryPolicy): Promise<NudgeReport> {
  const { planned, deferred, cancelled } = claimDueNudges(deps, owner);
  let nudges = 0;
  let failed = 0;
  for (const nudge of planned) {
    if (await deliverNudge(deps, nudge, policy)) nudges++;
    else failed++;
  }
  return { nudges, items: planned.reduce((n, p) => n + p.keys.length, 0), deferred, cancelled, failed };
}

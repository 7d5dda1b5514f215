import type { CoreDeps } from '../deps.ts';
import type { Message } from '../messages.ts';
import type { DueStep, NewDelivery } from '../ports/index.ts';
import { nudgeMessage, type FollowUpView } from '../render/follow-ups.ts';
import { ruleIsOn } from '../rules.ts';
import type { Group, Member } from '../types.ts';
import { memberZone } from '../use-cases/context.ts';
import { availability } from './availability.ts';
import { laneOf, noOutcomes, type ClaimedOutcome, type OutcomeCounts, type RetryPolicy } from './deliver.ts';
import type { DeliveryQueue } from './delivery-queue.ts';
import { sendToMember } from './send-to-member.ts';
import { checkConditions } from './step-conditions.ts';
import { ledgerClaim } from './ledger-keys.ts';

export interface PlannedNudge {
  readonly member: Member;
  readonly group: Group;
  readonly keys: readonly string[];
  readonly followUpIds: readonly number[];
  readonly message: Message;
}

/** Members per claimed page: the queue asks for the next page when fewer than this many wait. */
export const NUDGE_PAGE_MEMBERS = 100;

export interface ClaimedPage {
  readonly planned: PlannedNudge[];
  readonly deferred: number;
  readonly cancelled: number;
  /** The highest member id the page read (the next page starts after it); null when it read nothing. */
  readonly lastMemberId: number | null;
}

/**
 * Phase one, in one transaction: read one page of due steps (every step of up to `page.members`
 * members), drop those whose condition no longer holds, and claim each remaining step's delivery
 * key. Only steps this process claimed are returned, grouped into one nudge per member. A page is
 * loaded in bulk: a few statements whatever its size, so the cost follows the due work.
 */
export function claimDueNudges(
  deps: CoreDeps,
  owner: string,
  page: { readonly afterMemberId: number; readonly members: number } = { afterMemberId: 0, members: 1_000_000 },
): Promise<ClaimedPage> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const due = await tx.followUps.listDuePage(now, page.afterMemberId, page.members);
    if (due.length === 0) return { planned: [], deferred: 0, cancelled: 0, lastMemberId: null };
    const lastMemberId = Math.max(...due.map((d) => d.member.id));
    const groups = new Map(
      (await tx.groups.getMany([...new Set(due.map((d) => d.member.groupId))])).map((g) => [g.id, g]),
    );

    // A workspace that removed the bot gets nothing: its steps wait for it to come back.
    const removed = new Set((await tx.workspaces.listRemoved()).map(laneOf));
    let deferred = 0;
    const ready = new Map<number, DueStep[]>();
    const reachable = new Map<number, boolean>();
    for (const step of due) {
      const { member } = step;
      const group = groups.get(member.groupId);
      if (!group || removed.has(laneOf(group.workspace))) continue;
      let ok = reachable.get(member.id);
      if (ok === undefined) reachable.set(member.id, (ok = availability(member, group, now).reachable));
      if (!ok) {
        deferred++;
        continue;
      }
      const list = ready.get(member.id);
      if (list) list.push(step);
      else ready.set(member.id, [step]);
    }

    // A step of a rule the group has since switched off is closed, not sent.
    let cancelled = 0;
    for (const [memberId, steps] of ready) {
      const group = groups.get((steps[0] as DueStep).member.groupId) as Group;
      const on = steps.filter((s) => ruleIsOn(group.ruleSettings, s.followUp.ruleId));
      for (const s of steps)
        if (!on.includes(s)) await tx.followUps.update(s.followUp.id, { status: 'cancelled' }, now);
      cancelled += steps.length - on.length;
      if (on.length) ready.set(memberId, on);
      else ready.delete(memberId);
    }

    // Conditional rules (keep-applying, interview-chase): a step whose condition no longer holds is closed.
    const checked = await checkConditions(tx, deps.rules, ready, now, (m) => groups.get(m.groupId) as Group);
    cancelled += checked.cancelled;
    const claims: NewDelivery[] = [];
    const byKey = new Map<string, DueStep>();
    for (const [memberId, steps] of checked.ready) {
      for (const step of steps) {
        const f = step.followUp;
        const claim = ledgerClaim(
          { kind: 'nudge', memberId, followUpId: f.id, dueAt: f.dueAt },
          step.member.workspace,
          owner,
        );
        byKey.set(claim.key, step);
        claims.push(claim);
      }
    }
    const owned = await tx.deliveries.claimMany(claims, now);
    const perMember = new Map<number, { keys: string[]; steps: DueStep[] }>();
    for (const key of owned) {
      const step = byKey.get(key) as DueStep;
      const entry = perMember.get(step.member.id);
      if (entry) {
        entry.keys.push(key);
        entry.steps.push(step);
      } else perMember.set(step.member.id, { keys: [key], steps: [step] });
    }
    await tx.followUps.markNudged(
      [...byKey.entries()].filter(([k]) => owned.has(k)).map(([, s]) => s.followUp.id),
      now,
    );

    const planned: PlannedNudge[] = [];
    for (const { keys, steps } of perMember.values()) {
      const member = (steps[0] as DueStep).member;
      const group = groups.get(member.groupId) as Group;
      const views: FollowUpView[] = steps.map((s) => ({
        followUp: s.followUp,
        application: s.application,
        interview: s.followUp.interviewId === null ? null : (checked.interviews.get(s.followUp.interviewId) ?? null),
      }));
      planned.push({
        member,
        group,
        keys,
        followUpIds: steps.map((s) => s.followUp.id),
        // A DM names the member's zone when it is not the group's clock.
        message: nudgeMessage(deps.rules, views, { zone: memberZone(member, group), groupZone: group.timezone }),
      });
    }
    return { planned, deferred, cancelled, lastMemberId };
  });
}

/**
 * Phase two: send one claimed nudge (a DM, or one group mention when DMs fail permanently). If
 * another process's recovery released the claim meanwhile, nothing is sent here; the items this
 * process still holds unattempted are released so the next sweep picks them up. Waiting for a
 * retry, the nudge's steps are listed as due again, and a later sweep claims them when it is time.
 */
export async function deliverNudge(
  deps: CoreDeps,
  nudge: PlannedNudge,
  owner: string,
  policy: RetryPolicy,
): Promise<ClaimedOutcome> {
  const result = await sendToMember(
    deps,
    {
      member: nudge.member,
      group: nudge.group,
      message: nudge.message,
      channelIntro: 'I could not reach you by direct message, so here is your nudge:',
    },
    {
      keys: nudge.keys,
      owner,
      what: 'nudge',
      onRetry: (tx) => tx.followUps.clearNudged(nudge.followUpIds),
    },
    policy,
  );
  if (result.outcome === 'lost') await releaseNudge(deps, nudge, owner);
  return result;
}

/** Gives back what this process claimed for a nudge and never attempted, so another sweep sends it. */
export function releaseNudge(deps: CoreDeps, nudge: PlannedNudge, owner: string): Promise<void> {
  return deps.store.transaction(async (tx) => {
    for (const [i, key] of nudge.keys.entries()) {
      const id = nudge.followUpIds[i];
      if ((await tx.deliveries.releaseUnattempted([key], owner)) === 1 && id !== undefined)
        await tx.followUps.clearNudged([id]);
    }
  });
}

/** What a pass over the due nudges did; the sends' outcomes are counted as they finish. */
export interface NudgeTally {
  claimed: number;
  items: number;
  deferred: number;
  cancelled: number;
  readonly outcomes: OutcomeCounts;
}

export const newNudgeTally = (): NudgeTally => ({
  claimed: 0,
  items: 0,
  deferred: 0,
  cancelled: 0,
  outcomes: noOutcomes(),
});

/**
 * One pass over the due nudges: claim a page, hand its nudges to the queue, and claim the next page
 * only when the queue has room for it. Resolves when every page is claimed and handed over (not
 * when the sends are done) or when the queue stops.
 */
export async function queueDueNudges(
  deps: CoreDeps,
  owner: string,
  policy: RetryPolicy,
  queue: DeliveryQueue,
  tally: NudgeTally = newNudgeTally(),
): Promise<NudgeTally> {
  let after = 0;
  for (;;) {
    await queue.roomFor(NUDGE_PAGE_MEMBERS);
    if (queue.stopped) break;
    const page = await claimDueNudges(deps, owner, { afterMemberId: after, members: NUDGE_PAGE_MEMBERS });
    if (page.lastMemberId === null) break;
    after = page.lastMemberId;
    tally.deferred += page.deferred;
    tally.cancelled += page.cancelled;
    for (const nudge of page.planned) {
      tally.claimed++;
      tally.items += nudge.keys.length;
      queue.push(laneOf(nudge.member.workspace), {
        keys: nudge.keys,
        run: async () => {
          tally.outcomes[(await deliverNudge(deps, nudge, owner, policy)).outcome]++;
        },
        release: () => releaseNudge(deps, nudge, owner),
      });
    }
  }
  return tally;
}

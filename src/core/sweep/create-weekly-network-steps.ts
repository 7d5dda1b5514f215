import type { CoreDeps } from '../deps.ts';
import type { NewFollowUp } from '../ports/index.ts';
import { effectiveRule, findRule } from '../rules.ts';
import { checkInAt, firstCheckInDayOfWeek, groupDate, isoWeek } from './check-in-schedule.ts';
import { ledgerClaim } from './ledger-keys.ts';

/**
 * The weekly network step: at the group's first check-in day of the ISO week, at check-in time,
 * one `network` follow-up per active member, due then (the nudge sweep sends it). Made once per
 * member per week (ledger key `network:{member}:{week}`) and marked once per group per week
 * (`network-week:{group}:{week}`) so later sweeps pass over the group with one lookup.
 */
export async function createWeeklyNetworkSteps(deps: CoreDeps, owner: string): Promise<number> {
  const base = findRule(deps.rules, 'network');
  if (!base) return 0;
  const now = deps.clock.now();
  const candidates = (await deps.store.groups.listAll()).flatMap((group) => {
    const rule = effectiveRule(base, group.ruleSettings[base.id]);
    const today = groupDate(group, now);
    const first = firstCheckInDayOfWeek(group, today);
    if (!rule || !first || first > today) return [];
    const dueAt = checkInAt(group, first);
    // Not before it is time, and not for a week whose first check-in came before the group existed.
    if (dueAt.getTime() > now.getTime() || group.createdAt.getTime() > dueAt.getTime()) return [];
    const week = isoWeek(today);
    const marker = ledgerClaim({ kind: 'network-week', groupId: group.id, isoWeek: week }, group.workspace, owner);
    return [{ group, week, dueAt, marker }];
  });
  if (candidates.length === 0) return 0;
  const done = await deps.store.deliveries.heldKeys(
    candidates.map((c) => c.marker.key),
    now,
  );
  let created = 0;
  for (const { group, week, dueAt, marker } of candidates.filter((c) => !done.has(c.marker.key))) {
    created += await deps.store.transaction(async (tx) => {
      if (!(await tx.deliveries.claim(marker, now))) return 0;
      await tx.deliveries.markSent(marker.key, null, now);
      const members = (await tx.members.listByGroup(group.id, { activeOnly: true })).filter(
        (m) => m.joinedAt.getTime() <= dueAt.getTime(),
      );
      const claims = members.map((m) => ({
        m,
        claim: ledgerClaim(
          { kind: 'network', memberId: m.id, groupId: group.id, isoWeek: week },
          group.workspace,
          owner,
        ),
      }));
      const owned = await tx.deliveries.claimMany(
        claims.map((c) => c.claim),
        now,
      );
      const steps: NewFollowUp[] = [];
      for (const { m, claim } of claims) {
        if (!owned.has(claim.key)) continue;
        await tx.deliveries.markSent(claim.key, null, now);
        steps.push({
          workspace: group.workspace,
          memberId: m.id,
          applicationId: null,
          ruleId: base.id,
          dueAt,
          occurrence: 1,
        });
      }
      // In parts, so a large group stays under SQLite's limit on statement parameters.
      for (let i = 0; i < steps.length; i += 1000) await tx.followUps.createMany(steps.slice(i, i + 1000), now);
      return steps.length;
    });
  }
  return created;
}

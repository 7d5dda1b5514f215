import type { CoreDeps } from '../deps.ts';
import type { NewDelivery, NewFollowUp } from '../ports.ts';
import { effectiveRule, findRule } from '../rules.ts';
import { checkInAt, firstCheckInDayOfWeek, groupDate, isoWeek } from './check-in-schedule.ts';

/**
 * The weekly network step: at the group's first check-in day of the ISO week, at check-in time,
 * one `network` follow-up per active member, due then (the nudge sweep sends it). Made once per
 * member per week (ledger key `network:{member}:{week}`) and marked once per group per week
 * (`network-week:{group}:{week}`) so later sweeps pass over the group with one lookup.
 */
export function createWeeklyNetworkSteps(deps: CoreDeps, owner: string): number {
  const base = findRule(deps.rules, 'network');
  if (!base) return 0;
  const now = deps.clock.now();
  const candidates = deps.store.groups.listAll().flatMap((group) => {
    const rule = effectiveRule(base, group.ruleSettings[base.id]);
    const today = groupDate(group, now);
    const first = firstCheckInDayOfWeek(group, today);
    if (!rule || !first || first > today) return [];
    const dueAt = checkInAt(group, first);
    // Not before it is time, and not for a week whose first check-in came before the group existed.
    if (dueAt.getTime() > now.getTime() || group.createdAt.getTime() > dueAt.getTime()) return [];
    const week = isoWeek(today);
    return [{ group, week, dueAt, marker: `network-week:${group.id}:${week}` }];
  });
  if (candidates.length === 0) return 0;
  const done = deps.store.deliveries.existingKeys(candidates.map((c) => c.marker));
  let created = 0;
  for (const { group, week, dueAt, marker } of candidates.filter((c) => !done.has(c.marker))) {
    created += deps.store.transaction(() => {
      if (
        !deps.store.deliveries.claim(
          { key: marker, kind: 'network-week', workspace: group.workspace, memberId: null, subjectId: group.id, owner },
          now,
        )
      )
        return 0;
      deps.store.deliveries.markSent(marker, null, now);
      const members = deps.store.members
        .listByGroup(group.id, { activeOnly: true })
        .filter((m) => m.joinedAt.getTime() <= dueAt.getTime());
      const keys: NewDelivery[] = members.map((m) => ({
        key: `network:${m.id}:${week}`,
        kind: 'network',
        workspace: group.workspace,
        memberId: m.id,
        subjectId: group.id,
        owner,
      }));
      const owned = deps.store.deliveries.claimMany(keys, now);
      const steps: NewFollowUp[] = [];
      for (const m of members) {
        const key = `network:${m.id}:${week}`;
        if (!owned.has(key)) continue;
        deps.store.deliveries.markSent(key, null, now);
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
      for (let i = 0; i < steps.length; i += 1000) deps.store.followUps.createMany(steps.slice(i, i + 1000), now);
      return steps.length;
    });
  }
  return created;
}

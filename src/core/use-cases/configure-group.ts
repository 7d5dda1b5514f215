import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { EventSource } from '../events.ts';
import { privateText, type Reply } from '../messages.ts';
import { effectiveRule, findRule } from '../rules.ts';
import { formatClock, isValidTimezone, parseClock } from '../time.ts';
import type { Group } from '../types.ts';
import { requireGroup } from './context.ts';
import { formatDays, parseDays } from './weekdays.ts';

const EXAMPLE = '/rebound config connect off   ·   /rebound config engage 21   ·   /rebound config checkin 09:30';

/**
 * `/rebound config` shows the group's settings; `/rebound config <rule> on|off|<days>` switches a
 * rule or changes its offset; `checkin`, `reminder`, `days`, `timezone` change the schedule.
 * Admins only (Slack: the group's admins; Discord: Manage Channels).
 */
export function configureGroup(deps: CoreDeps, source: EventSource, words: readonly string[]): Reply {
  const group = requireGroup(deps, source);
  if (words.length === 0) return privateText(describe(deps, group));
  const isAdmin =
    source.canManageChannel === true ||
    (source.canManageChannel === undefined && group.adminUserIds.includes(source.actor.userId));
  if (!isAdmin) throw new UserError("Only the group's admins can change its settings.");
  const [key = '', value = ''] = words;
  const updated = deps.store.transaction(() => {
    switch (key.toLowerCase()) {
      case 'checkin':
      case 'reminder': {
        const minute = parseClock(value);
        if (minute === null) throw new UserError('Give a time as HH:MM.', EXAMPLE);
        return deps.store.groups.update(
          group.id,
          key === 'checkin' ? { checkInMinute: minute } : { reminderMinute: minute },
        );
      }
      case 'days': {
        const days = parseDays(value);
        if (!days) throw new UserError('Give days like mon-fri or mon,wed,fri.', EXAMPLE);
        return deps.store.groups.update(group.id, { checkInDays: days });
      }
      case 'timezone':
        if (!isValidTimezone(value))
          throw new UserError(
            `"${value.slice(0, 40)}" is not a timezone I know.`,
            '/rebound config timezone Europe/Berlin',
          );
        return deps.store.groups.update(group.id, { timezone: value });
      case 'admin': {
        const userId = value.replace(/^<@!?([A-Za-z0-9]+)(\|[^>]*)?>$/, '$1').replace(/^@/, '');
        if (!/^[A-Za-z0-9._-]{1,40}$/.test(userId))
          throw new UserError('Name the new admin.', '/rebound config admin @bob');
        return deps.store.groups.update(group.id, { adminUserIds: [...new Set([...group.adminUserIds, userId])] });
      }
      default: {
        const rule = findRule(deps.rules, key);
        if (!rule) throw new UserError(`"${key.slice(0, 40)}" is not a setting or rule I know.`, EXAMPLE);
        const current = group.ruleSettings[rule.id] ?? { enabled: true };
        let next;
        if (value === 'on' || value === 'off') next = { ...current, enabled: value === 'on' };
        else if (
          /^\d{1,3}$/.test(value) &&
          Number(value) >= 1 &&
          Number(value) <= 365 &&
          rule.timing.kind !== 'weekly-at-check-in' &&
          rule.timing.kind !== 'daily-at-check-in'
        ) {
          next = { ...current, enabled: true, offsetDays: Number(value) };
        } else throw new UserError('Give on, off, or a number of days from 1 to 365.', EXAMPLE);
        return deps.store.groups.update(group.id, { ruleSettings: { ...group.ruleSettings, [rule.id]: next } });
      }
    }
  });
  return privateText('Saved.', describe(deps, updated));
}

function describe(deps: CoreDeps, group: Group): string {
  const lines = [
    `Check-ins at ${formatClock(group.checkInMinute)} on ${formatDays(group.checkInDays)}, reminders at ${formatClock(group.reminderMinute)} (${group.timezone}).`,
    'Rules:',
  ];
  for (const rule of deps.rules) {
    const eff = effectiveRule(rule, group.ruleSettings[rule.id]);
    const t = eff?.timing;
    const when = !t
      ? 'off'
      : t.kind === 'business-days'
        ? `${t.days} business day(s) after`
        : t.kind === 'days'
          ? `${t.days} days after`
          : t.kind === 'repeat'
            ? `${t.days} days after, then every ${t.everyDays} days (${t.times}×)`
            : t.kind === 'weekly-at-check-in'
              ? 'weekly'
              : 'daily';
    lines.push(`• ${rule.id}: ${when}`);
  }
  lines.push(`Change with e.g. ${EXAMPLE}`);
  return lines.join('\n');
}

import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { EventSource } from '../events.ts';
import { privateText, type Reply } from '../messages.ts';
import { effectiveRule, findRule } from '../rules.ts';
import { canonicalTimezone, formatClock, parseClock } from '../time.ts';
import type { Group } from '../types.ts';
import { requireGroup } from './context.ts';
import { formatDays, parseDays } from '../commands/weekdays.ts';
import { COMMANDS, type InputFor } from '../commands/declarations.ts';
import { notATimezone, quote } from '../commands/read-input.ts';

const EXAMPLE = COMMANDS['rebound config'].example;

/**
 * `/rebound config` shows the group's settings and admins; `/rebound config <rule> on|off|<days>`
 * switches a rule or changes its offset; `checkin`, `reminder`, `days`, `timezone` change the
 * schedule. The router lets only admins change anything.
 */
export async function configureGroup(
  deps: CoreDeps,
  source: EventSource,
  { setting, value }: InputFor<'rebound config'>,
): Promise<Reply> {
  const group = await requireGroup(deps, source);
  if (setting === null) return privateText(await describe(deps, group));
  const raw = value ?? '';
  const updated = await deps.store.transaction(async (tx) => {
    switch (setting) {
      case 'checkin':
      case 'reminder': {
        const minute = parseClock(raw);
        if (minute === null) throw new UserError('Give a time as HH:MM.', '/rebound config checkin 09:30');
        return tx.groups.update(
          group.id,
          setting === 'checkin' ? { checkInMinute: minute } : { reminderMinute: minute },
        );
      }
      case 'days': {
        const days = parseDays(raw);
        if (!days) throw new UserError('Give days like mon-fri or mon,wed,fri.', '/rebound config days mon-fri');
        return tx.groups.update(group.id, { checkInDays: days });
      }
      case 'timezone': {
        const zone = canonicalTimezone(raw);
        if (!zone) throw new UserError(notATimezone(raw), '/rebound config timezone Europe/Berlin');
        return tx.groups.update(group.id, { timezone: zone });
      }
      default: {
        const rule = findRule(deps.rules, setting);
        if (!rule) throw new UserError(`${quote(setting)} is not a setting or rule I know.`, EXAMPLE);
        // Read again, locked: another admin may be changing another rule at this moment.
        const rules = ((await tx.groups.getForUpdate(group.id)) ?? group).ruleSettings;
        const current = rules[rule.id] ?? { enabled: true };
        const word = raw.toLowerCase();
        let next;
        if (word === 'on' || word === 'off') next = { ...current, enabled: word === 'on' };
        else if (
          /^\d{1,3}$/.test(word) &&
          Number(word) >= 1 &&
          Number(word) <= 365 &&
          rule.timing.kind !== 'weekly-at-check-in' &&
          rule.timing.kind !== 'daily-at-check-in'
        ) {
          next = { ...current, enabled: true, offsetDays: Number(word) };
        } else throw new UserError('Give on, off, or a number of days from 1 to 365.', EXAMPLE);
        return tx.groups.update(group.id, { ruleSettings: { ...rules, [rule.id]: next } });
      }
    }
  });
  return privateText('Saved.', await describe(deps, updated));
}

async function describe(deps: CoreDeps, group: Group): Promise<string> {
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
          : t.kind === 'days-before'
            ? `${t.days} day(s) before, at ${formatClock(t.minute)}`
            : t.kind === 'repeat'
              ? `${t.days} days after, then every ${t.everyDays} days (${t.times}×)`
              : t.kind === 'weekly-at-check-in'
                ? 'weekly'
                : 'daily';
    lines.push(`• ${rule.id}: ${when}`);
  }
  lines.push(`Admins: ${await adminNames(deps, group)}.`);
  lines.push(`Change with e.g. ${EXAMPLE}, or /rebound config admin add @person`);
  return lines.join('\n');
}

/** The admins by display name where they are members, else by their id. */
export async function adminNames(deps: CoreDeps, group: Group): Promise<string> {
  if (group.adminUserIds.length === 0) return 'none yet (the next person to run /rebound setup becomes one)';
  const names: string[] = [];
  for (const id of group.adminUserIds) names.push((await deps.store.members.find(group.id, id))?.displayName ?? id);
  return names.join(', ');
}

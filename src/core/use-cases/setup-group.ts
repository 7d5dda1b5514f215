import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { EventSource } from '../events.ts';
import { privateText, type Reply } from '../messages.ts';
import { formatClock, isValidTimezone, parseClock } from '../time.ts';
import type { Weekday } from '../types.ts';
import { ensureMember, workspaceOf } from './context.ts';
import { postToGroup } from './post-to-group.ts';
import { formatDays, parseDays } from './weekdays.ts';

const EXAMPLE = '/rebound setup 09:00 Europe/Berlin mon-fri';
const DEFAULT_CHECK_IN = 9 * 60;
const DEFAULT_REMINDER = 16 * 60;
const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5];

/**
 * `/rebound setup [HH:MM] [timezone] [days]`: makes this channel a group. On Discord the caller
 * needs Manage Channels; on Slack the first person to set up becomes the group's admin, and only
 * admins may run it again to change the settings.
 */
export async function setupGroup(deps: CoreDeps, source: EventSource, words: readonly string[]): Promise<Reply> {
  if (source.canManageChannel === false) {
    throw new UserError(
      'Setting up a group needs the Manage Channels permission in this channel. Ask a moderator to run it.',
    );
  }
  let checkInMinute: number | undefined;
  let timezone: string | undefined;
  let days: Weekday[] | undefined;
  for (const word of words) {
    const clock = parseClock(word);
    if (clock !== null && checkInMinute === undefined) checkInMinute = clock;
    else if (word.includes('/') || word === 'UTC') {
      if (!isValidTimezone(word))
        throw new UserError(
          `"${word.slice(0, 40)}" is not a timezone I know. Use an IANA name like Europe/Berlin or America/New_York.`,
          EXAMPLE,
        );
      timezone = word;
    } else {
      const parsed = parseDays(word);
      if (!parsed)
        throw new UserError(
          `I could not read "${word.slice(0, 40)}". Give a time (09:00), a timezone (Europe/Berlin) and days (mon-fri).`,
          EXAMPLE,
        );
      days = parsed;
    }
  }
  const now = deps.clock.now();
  const ws = workspaceOf(source);
  const { group, created } = deps.store.transaction(() => {
    const existing = deps.store.groups.findByChannel(ws, source.channelId);
    if (existing) {
      // A group whose admins have all left (or asked to be forgotten) takes the next person who sets it up.
      const orphaned = existing.adminUserIds.length === 0;
      if (!orphaned && !existing.adminUserIds.includes(source.actor.userId) && source.canManageChannel !== true) {
        throw new UserError('This channel is already a group. Only its admins can change the setup.');
      }
      const patch = {
        ...(orphaned ? { adminUserIds: [source.actor.userId] } : {}),
        ...(checkInMinute !== undefined ? { checkInMinute } : {}),
        ...(timezone ? { timezone } : {}),
        ...(days ? { checkInDays: days } : {}),
      };
      const group = deps.store.groups.update(existing.id, patch);
      ensureMember(deps, group, source);
      return { group, created: false };
    }
    const actorZone = source.actor.timezone && isValidTimezone(source.actor.timezone) ? source.actor.timezone : 'UTC';
    const group = deps.store.groups.create(
      {
        workspace: ws,
        channelId: source.channelId,
        name: source.channelName ?? source.channelId,
        timezone: timezone ?? actorZone,
        checkInMinute: checkInMinute ?? DEFAULT_CHECK_IN,
        checkInDays: days ?? WEEKDAYS,
        reminderMinute: DEFAULT_REMINDER,
        adminUserIds: [source.actor.userId],
      },
      now,
    );
    ensureMember(deps, group, source);
    return { group, created: true };
  });
  const summary = `Check-ins at ${formatClock(group.checkInMinute)} (${group.timezone}) on ${formatDays(group.checkInDays)}; reminders at ${formatClock(group.reminderMinute)}.`;
  if (created) {
    await postToGroup(
      deps,
      group,
      { memberId: null, subject: 'other', subjectId: null },
      {
        blocks: [
          { type: 'heading', text: 'Rebound is here 👋' },
          {
            type: 'text',
            text: `This channel is now a job-search circle. Log applications with /applied and rejections with /rejected: I'll turn every "no" into next steps and nudge you when they're due. ${summary} Join with /rebound join.`,
          },
        ],
      },
    );
    return privateText(`Done: this channel is a Rebound group and you are its admin. ${summary}`);
  }
  return privateText(`Group settings updated. ${summary}`);
}

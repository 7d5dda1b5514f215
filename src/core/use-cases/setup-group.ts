import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { EventSource } from '../events.ts';
import { privateText, type Reply } from '../messages.ts';
import { formatClock, isValidTimezone } from '../time.ts';
import type { InputFor } from '../commands/declarations.ts';
import type { Weekday } from '../types.ts';
import { joinMember, workspaceOf } from './context.ts';
import { postToGroup } from './post-to-group.ts';
import { formatDays } from '../commands/weekdays.ts';

const DEFAULT_CHECK_IN = 9 * 60;
const DEFAULT_REMINDER = 16 * 60;
const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5];

/**
 * `/rebound setup [HH:MM] [timezone] [days]`: makes this channel a group. On Discord the caller
 * needs Manage Channels; on Slack the first person to set up becomes the group's admin, and only
 * admins may run it again to change the settings.
 */
export async function setupGroup(
  deps: CoreDeps,
  source: EventSource,
  input: InputFor<'rebound setup'>,
): Promise<Reply> {
  if (source.canManageChannel === false) {
    throw new UserError(
      'Setting up a group needs the Manage Channels permission in this channel. Ask a moderator to run it.',
    );
  }
  const checkInMinute = input.time ?? undefined;
  const timezone = input.timezone ?? undefined;
  const days = input.days ?? undefined;
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
      joinMember(deps, group, source);
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
    joinMember(deps, group, source);
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

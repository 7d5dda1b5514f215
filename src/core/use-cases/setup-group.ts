import type { CoreDeps } from '../deps.ts';
import { DeliveryError, InternalError, UserError } from '../errors.ts';
import type { EventSource } from '../events.ts';
import { privateText, type Message, type Reply } from '../messages.ts';
import type { ChannelTarget, SentMessage } from '../ports/index.ts';
import { formatClock, isValidTimezone } from '../time.ts';
import type { InputFor } from '../commands/declarations.ts';
import type { Group, Weekday } from '../types.ts';
import { joinMember, workspaceOf } from './context.ts';
import { formatDays } from '../commands/weekdays.ts';

const SET_UP_A_MOMENT_AGO = 'Someone set up this channel a moment ago: it is already a group.';

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
  const ws = workspaceOf(source);
  const existing = await deps.store.groups.findByChannel(ws, source.channelId);
  if (existing) return changeSetup(deps, source, existing, { checkInMinute, timezone, days });

  const actorZone = source.actor.timezone && isValidTimezone(source.actor.timezone) ? source.actor.timezone : 'UTC';
  const settings = {
    timezone: timezone ?? actorZone,
    checkInMinute: checkInMinute ?? DEFAULT_CHECK_IN,
    checkInDays: days ?? WEEKDAYS,
    reminderMinute: DEFAULT_REMINDER,
  };
  // The welcome goes first: a channel the bot cannot post in would make a group whose every post fails.
  const sent = await postWelcome(deps, { workspace: ws, channelId: source.channelId }, welcome(summaryOf(settings)));
  const now = deps.clock.now();
  const group = await deps.store.transaction(async (tx) => {
    if (await tx.groups.findByChannel(ws, source.channelId)) throw new UserError(SET_UP_A_MOMENT_AGO);
    const group = await tx.groups
      .create(
        {
          workspace: ws,
          channelId: source.channelId,
          name: source.channelName ?? source.channelId,
          ...settings,
          adminUserIds: [source.actor.userId],
        },
        now,
      )
      .catch((error: unknown) => {
        // Another replica made it between our look and our insert.
        if (error instanceof InternalError && error.code === 'conflict') throw new UserError(SET_UP_A_MOMENT_AGO);
        throw error;
      });
    await joinMember({ ...deps, store: tx }, group, source);
    await tx.posts.create(
      {
        workspace: ws,
        groupId: group.id,
        channelId: sent.channelId,
        messageId: sent.messageId,
        memberId: null,
        subject: 'other',
        subjectId: null,
      },
      now,
    );
    return group;
  });
  return privateText(`Done: this channel is a Rebound group and you are its admin. ${summaryOf(group)}`);
}

type Schedule = Pick<Group, 'timezone' | 'checkInMinute' | 'checkInDays' | 'reminderMinute'>;

function summaryOf(group: Schedule): string {
  return `Check-ins at ${formatClock(group.checkInMinute)} (${group.timezone}) on ${formatDays(group.checkInDays)}; reminders at ${formatClock(group.reminderMinute)}.`;
}

function welcome(summary: string): Message {
  return {
    blocks: [
      { type: 'heading', text: 'Rebound is here 👋' },
      {
        type: 'text',
        text: `This channel is now a job-search circle. Log applications with /applied and rejections with /rejected: I'll turn every "no" into next steps and nudge you by DM when they're due. ${summary} Join with /rebound join.`,
      },
      {
        type: 'text',
        text: 'What the group sees: by default, a short post naming the company and role of each application and rejection you log, and your updates. Notes and feedback stay with you. /rebound visibility counts shares only that you applied or heard back; /rebound visibility private shares nothing.',
      },
    ],
  };
}

/** Posts the welcome, or explains why the channel cannot be a group yet (nothing is created). */
async function postWelcome(deps: CoreDeps, target: ChannelTarget, message: Message): Promise<SentMessage> {
  try {
    return await deps.chat.postToChannel(target, message);
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    deps.logger.warn(
      { platform: target.workspace.platform, workspace: target.workspace.workspaceId, failure: error.kind },
      'setup welcome failed',
    );
    if (error.kind === 'permanent') {
      throw new UserError(
        `I can't post in this channel, so it is not a group yet. ${error.remedy ?? 'Add me to this channel (invite me, or let me post here), first.'} Then run /rebound setup again.`,
      );
    }
    throw new UserError(
      "I couldn't post in this channel just now, so it is not a group yet. Please run /rebound setup again in a minute.",
    );
  }
}

/** Setting up a channel that is already a group: its admins change the schedule. */
async function changeSetup(
  deps: CoreDeps,
  source: EventSource,
  existing: Group,
  change: { checkInMinute: number | undefined; timezone: string | undefined; days: readonly Weekday[] | undefined },
): Promise<Reply> {
  const group = await deps.store.transaction(async (tx) => {
    const current = (await tx.groups.get(existing.id)) ?? existing;
    // A group whose admins have all left (or asked to be forgotten) takes the next person who sets it up.
    const orphaned = current.adminUserIds.length === 0;
    if (!orphaned && !current.adminUserIds.includes(source.actor.userId) && source.canManageChannel !== true) {
      throw new UserError('This channel is already a group. Only its admins can change the setup.');
    }
    const patch = {
      ...(orphaned ? { adminUserIds: [source.actor.userId] } : {}),
      ...(change.checkInMinute !== undefined ? { checkInMinute: change.checkInMinute } : {}),
      ...(change.timezone ? { timezone: change.timezone } : {}),
      ...(change.days ? { checkInDays: change.days } : {}),
    };
    const group = await tx.groups.update(current.id, patch);
    await joinMember({ ...deps, store: tx }, group, source);
    return group;
  });
  return privateText(`Group settings updated. ${summaryOf(group)}`);
}

/** Finding the group and member an event is about; shared by every use case. */
import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { EventSource } from '../events.ts';
import { isValidTimezone } from '../time.ts';
import type { Reply } from '../messages.ts';
import type { Group, Member, MessageRef, WorkspaceRef } from '../types.ts';

export function workspaceOf(source: EventSource): WorkspaceRef {
  return { platform: source.platform, workspaceId: source.workspaceId };
}

/** A message the event refers to: it lives in the event's channel (a Slack `ts` is unique only there). */
export function messageRefOf(source: EventSource, messageId: string): MessageRef {
  return { workspace: workspaceOf(source), channelId: source.channelId, messageId };
}

export function sameWorkspace(a: WorkspaceRef, b: WorkspaceRef): boolean {
  return a.platform === b.platform && a.workspaceId === b.workspaceId;
}

export function notAGroup(): UserError {
  return new UserError(
    "This channel isn't a Rebound group yet. Someone who manages it can set it up.",
    '/rebound setup 09:00 Europe/Berlin mon-fri',
  );
}

/** The group whose channel the event came from, or a private explanation. */
export async function requireGroup(deps: CoreDeps, source: EventSource): Promise<Group> {
  const group = await deps.store.groups.findByChannel(workspaceOf(source), source.channelId);
  if (!group) throw notAGroup();
  return group;
}

/**
 * Whether the caller may change the group: one of its admins (by user id), or someone the platform
 * says can manage the channel (Discord's Manage Channels).
 */
export function isAdmin(group: Group, source: EventSource): boolean {
  return group.adminUserIds.includes(source.actor.userId) || source.canManageChannel === true;
}

export function requireAdmin(group: Group, source: EventSource): void {
  if (!isAdmin(group, source)) throw new UserError("Only the group's admins can change its settings.");
}

/** Where a person stands with a group: a member, someone who left, or someone who never joined. */
export type Membership = 'member' | 'left' | 'none';

export async function membershipOf(deps: CoreDeps, group: Group, userId: string): Promise<Membership> {
  const member = await deps.store.members.find(group.id, userId);
  return !member ? 'none' : member.active ? 'member' : 'left';
}

/** Someone who left is never brought back by anything but /rebound join: nothing is stored. */
export function leftGroup(group: Group): UserError {
  return new UserError(
    `You left ${channelName(group)}, so I did not store that. To take part again, run /rebound join here first.`,
    '/rebound join',
  );
}

function notJoined(group: Group): UserError {
  return new UserError(
    `You have not joined ${channelName(group)}. /rebound join makes you a member (I will nudge you by DM when steps are due).`,
    '/rebound join',
  );
}

function channelName(group: Group): string {
  return `#${group.name}`;
}

/** What a logging reply adds when the entry made its author a member. */
export function joinedNotice(group: Group): string {
  return `You've joined ${channelName(group)}: I'll nudge you by DM when a step is due; /rebound leave stops it.`;
}

/**
 * The caller as a member, for a logging action (an application, a rejection, an update, feedback,
 * a check-in): someone who never joined joins by it; someone who left is refused, and nothing the
 * use case stores in this transaction is kept. Must run inside the use case's transaction.
 */
export async function ensureMember(deps: CoreDeps, group: Group, source: EventSource): Promise<Member> {
  const existing = await deps.store.members.find(group.id, source.actor.userId);
  if (existing && !existing.active) throw leftGroup(group);
  return existing ? refreshed(deps, existing, source) : enrol(deps, group, source);
}

/** `/rebound join` and setting up a group: the caller joins, or comes back after leaving. */
export async function joinMember(deps: CoreDeps, group: Group, source: EventSource): Promise<Member> {
  const existing = await deps.store.members.find(group.id, source.actor.userId);
  if (!existing) return enrol(deps, group, source);
  const member = existing.active ? existing : await deps.store.members.update(existing.id, { active: true });
  return refreshed(deps, member, source);
}

/** The caller as a member, for reading and settings: never makes anyone a member. */
async function requireMember(deps: CoreDeps, group: Group, source: EventSource): Promise<Member> {
  const existing = await deps.store.members.find(group.id, source.actor.userId);
  if (!existing) throw notJoined(group);
  if (!existing.active) throw leftGroup(group);
  return refreshed(deps, existing, source);
}

/** The platform's profile zone, when it gives a valid one (Slack does). */
function profileZone(source: EventSource): string | null {
  return source.actor.timezone && isValidTimezone(source.actor.timezone) ? source.actor.timezone : null;
}

function enrol(deps: CoreDeps, group: Group, source: EventSource): Promise<Member> {
  return deps.store.members.create(
    {
      groupId: group.id,
      workspace: group.workspace,
      userId: source.actor.userId,
      displayName: source.actor.displayName,
      timezone: profileZone(source),
    },
    deps.clock.now(),
  );
}

async function refreshed(deps: CoreDeps, existing: Member, source: EventSource): Promise<Member> {
  const tz = profileZone(source);
  const patch: { displayName?: string; timezone?: string } = {};
  if (existing.displayName !== source.actor.displayName && source.actor.displayName)
    patch.displayName = source.actor.displayName;
  // The profile zone follows the person when they travel, until they choose one with /rebound timezone.
  if (tz && !existing.timezoneChosen && existing.timezone !== tz) patch.timezone = tz;
  return Object.keys(patch).length ? deps.store.members.update(existing.id, patch) : existing;
}

/**
 * The member a personal command is about: in a group channel, the caller in that group; elsewhere
 * (a DM), their only group in the workspace. `log` is for logging commands, which make a
 * newcomer a member (see `ensureMember`); reading and settings never do.
 */
export async function resolveMember(
  deps: CoreDeps,
  source: EventSource,
  purpose: 'read' | 'log' = 'read',
): Promise<{ group: Group; member: Member }> {
  const group = await deps.store.groups.findByChannel(workspaceOf(source), source.channelId);
  if (group)
    return {
      group,
      member: purpose === 'log' ? await ensureMember(deps, group, source) : await requireMember(deps, group, source),
    };
  return onlyMembership(deps, source);
}

/** The group a command is about, without needing the caller to be a member of it yet. */
export async function resolveGroup(deps: CoreDeps, source: EventSource): Promise<Group> {
  return (
    (await deps.store.groups.findByChannel(workspaceOf(source), source.channelId)) ??
    (await onlyMembership(deps, source)).group
  );
}

async function onlyMembership(deps: CoreDeps, source: EventSource): Promise<{ group: Group; member: Member }> {
  const memberships = (await deps.store.members.listByUser(workspaceOf(source), source.actor.userId)).filter(
    (m) => m.active,
  );
  const only = memberships.length === 1 ? memberships[0] : undefined;
  const onlyGroup = only ? await deps.store.groups.get(only.groupId) : null;
  if (only && onlyGroup) return { group: onlyGroup, member: only };
  if (memberships.length > 1) {
    throw new UserError('You are in more than one Rebound group here: run this in the group channel it is about.');
  }
  throw notAGroup();
}

/**
 * Runs a logging action, and when it made its author a member (they had never joined this
 * channel's group), says so at the end of its private reply.
 */
export async function noticingEnrolment(
  deps: CoreDeps,
  source: EventSource,
  run: () => Reply | Promise<Reply>,
): Promise<Reply> {
  const group = await deps.store.groups.findByChannel(workspaceOf(source), source.channelId);
  const before = group ? await membershipOf(deps, group, source.actor.userId) : 'member';
  const reply = await run();
  if (!group || before !== 'none' || (await membershipOf(deps, group, source.actor.userId)) !== 'member') return reply;
  return reply.type === 'private'
    ? { ...reply, message: { blocks: [...reply.message.blocks, { type: 'text', text: joinedNotice(group) }] } }
    : reply;
}

/** The member's own timezone, else their group's. */
export function memberZone(member: Member, group: Group): string {
  return member.timezone ?? group.timezone;
}

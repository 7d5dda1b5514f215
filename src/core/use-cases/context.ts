/** Finding the group and member an event is about; shared by every use case. */
import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { EventSource } from '../events.ts';
import { isValidTimezone } from '../time.ts';
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
export function requireGroup(deps: CoreDeps, source: EventSource): Group {
  const group = deps.store.groups.findByChannel(workspaceOf(source), source.channelId);
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

/**
 * The caller as a member of the channel's group, joining them on first use (or bringing them
 * back after /rebound leave). Must run inside the use case's transaction.
 */
export function ensureMember(deps: CoreDeps, group: Group, source: EventSource): Member {
  const existing = deps.store.members.find(group.id, source.actor.userId);
  const tz = source.actor.timezone && isValidTimezone(source.actor.timezone) ? source.actor.timezone : null;
  if (existing) {
    const patch: { active?: boolean; displayName?: string; timezone?: string } = {};
    if (!existing.active) patch.active = true;
    if (existing.displayName !== source.actor.displayName && source.actor.displayName)
      patch.displayName = source.actor.displayName;
    // A platform-reported timezone (Slack profiles) follows the person when they travel.
    if (tz && existing.timezone !== tz) patch.timezone = tz;
    return Object.keys(patch).length ? deps.store.members.update(existing.id, patch) : existing;
  }
  return deps.store.members.create(
    {
      groupId: group.id,
      workspace: group.workspace,
      userId: source.actor.userId,
      displayName: source.actor.displayName,
      timezone: tz,
    },
    deps.clock.now(),
  );
}

/**
 * The member a personal command is about: in a group channel, the caller in that group; elsewhere
 * (a DM), their only group in the workspace.
 */
export function resolveMember(deps: CoreDeps, source: EventSource): { group: Group; member: Member } {
  const group = deps.store.groups.findByChannel(workspaceOf(source), source.channelId);
  if (group) return { group, member: ensureMember(deps, group, source) };
  const memberships = deps.store.members.listByUser(workspaceOf(source), source.actor.userId).filter((m) => m.active);
  const only = memberships.length === 1 ? memberships[0] : undefined;
  const onlyGroup = only ? deps.store.groups.get(only.groupId) : null;
  if (only && onlyGroup) return { group: onlyGroup, member: only };
  if (memberships.length > 1) {
    throw new UserError('You are in more than one Rebound group here: run this in the group channel it is about.');
  }
  throw notAGroup();
}

/** The member's own timezone, else their group's. */
export function memberZone(member: Member, group: Group): string {
  return member.timezone ?? group.timezone;
}

/**
 * Who and where, in the core's terms: an EventSource from a Discord interaction or message.
 * The workspace is the guild; for a DM (a nudge's buttons) it is the guild the button carries.
 */
import {
  GuildMember,
  PermissionFlagsBits,
  type APIInteractionGuildMember,
  type Interaction,
  type User,
} from 'discord.js';
import type { EventSource } from '../../src/core/events.ts';

export const PLATFORM = 'discord' as const;

export function displayName(user: User, member: GuildMember | APIInteractionGuildMember | null | undefined): string {
  if (member instanceof GuildMember) return member.displayName;
  if (member?.nick) return member.nick;
  return user.globalName ?? user.username;
}

export function interactionSource(interaction: Interaction, workspaceId: string): EventSource {
  const channel = interaction.channel;
  // A command used in one of the group's threads (the day's check-in) belongs to the group.
  const parentId = channel?.isThread() ? channel.parentId : null;
  const channelId = parentId ?? interaction.channelId ?? '';
  const channelName =
    parentId === null && channel && 'name' in channel && typeof channel.name === 'string' ? channel.name : undefined;
  const permissions = interaction.memberPermissions;
  return {
    platform: PLATFORM,
    workspaceId,
    channelId,
    ...(channelName !== undefined && { channelName }),
    actor: {
      userId: interaction.user.id,
      displayName: displayName(interaction.user, interaction.member),
      isBot: interaction.user.bot,
    },
    // The member's permissions in this channel, as Discord computed them for the interaction.
    ...(permissions && { canManageChannel: permissions.has(PermissionFlagsBits.ManageChannels) }),
  };
}

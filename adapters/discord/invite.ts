/**
 * What the bot needs in a server, and the link that asks for exactly that. Nothing more: no
 * Manage Messages, no Mention Everyone, no Administrator.
 */
import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';

/** View Channels, Send Messages (and in threads), Create Public Threads, Read Message History, Add Reactions, Embed Links, Attach Files. */
export const BOT_PERMISSIONS: bigint =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles;

export function inviteUrl(applicationId: string): string {
  const query = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: BOT_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}

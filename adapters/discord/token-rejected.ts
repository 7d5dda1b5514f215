/**
 * Discord answered 401 to the bot token: start-up cannot go on, and retrying will not help. Kept
 * apart from the adapter so the composition root can recognise it without loading discord.js.
 */
export class DiscordTokenRejectedError extends Error {
  override readonly name = 'DiscordTokenRejectedError';
  constructor() {
    super('Discord rejected the bot token');
  }
}

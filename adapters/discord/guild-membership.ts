/**
 * The bot joining and leaving servers: a guild that removes it (kicks it, or is deleted) is
 * reported to the core as removed, so nothing more is sent there and its data goes after the grace
 * period; one that adds it (again) is reported as installed. A guild that only went unavailable
 * (a Discord outage, `GuildUnavailable`) is neither. At ready, every guild the bot is in is
 * reported installed: one that added it back while no replica was connected is served again.
 */
import { Events, type Client, type Guild } from 'discord.js';
import type { WorkspaceLifecycle } from '../../src/core/event-handler.ts';
import type { Logger } from '../../src/core/ports/index.ts';

export function listenToGuildMembership(client: Client, workspaces: WorkspaceLifecycle, logger: Logger): () => void {
  // Discord does not deliver these again: a failure is logged, and the next ready reports again.
  const report = (what: 'removed' | 'installed', guildId: string): void => {
    workspaces[what]({ platform: 'discord', workspaceId: guildId }).catch((error: unknown) =>
      logger.error(
        { guildId, what, error: error instanceof Error ? error.message : 'unknown' },
        'could not record the bot joining or leaving a server',
      ),
    );
  };
  const onCreate = (guild: Guild) => report('installed', guild.id);
  const onDelete = (guild: Guild) => {
    logger.info({ guildId: guild.id }, 'discord server removed Rebound');
    report('removed', guild.id);
  };
  const onReady = (ready: Client<true>) => {
    for (const id of ready.guilds.cache.keys()) report('installed', id);
  };
  client.on(Events.GuildCreate, onCreate);
  client.on(Events.GuildDelete, onDelete);
  client.on(Events.ClientReady, onReady);
  return () => {
    client.off(Events.GuildCreate, onCreate);
    client.off(Events.GuildDelete, onDelete);
    client.off(Events.ClientReady, onReady);
  };
}

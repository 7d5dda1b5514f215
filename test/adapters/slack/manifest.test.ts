import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BOT_SCOPES } from '../../../adapters/slack/oauth.ts';
import { ALL_COMMANDS, SLASH_COMMANDS } from '../../../src/core/commands/declarations.ts';

const manifestSchema = z.object({
  features: z.object({
    slash_commands: z.array(
      z.object({ command: z.string(), url: z.string(), description: z.string(), should_escape: z.boolean() }),
    ),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.string(), bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.string() }),
  }),
});

const manifest = manifestSchema.parse(
  JSON.parse(readFileSync(new URL('../../../adapters/slack/manifest.json', import.meta.url), 'utf8')),
);

describe('Slack app manifest', () => {
  it('declares every command of the core, each pointing at /slack/events', () => {
    expect(manifest.features.slash_commands.map((c) => c.command.slice(1)).sort()).toEqual([...SLASH_COMMANDS].sort());
    for (const c of manifest.features.slash_commands) expect(new URL(c.url).pathname).toBe('/slack/events');
  });

  it('has Slack escape the text of exactly the commands that take a person, so mentions arrive as <@U…>', () => {
    for (const c of manifest.features.slash_commands) {
      const takesPerson = ALL_COMMANDS.some(
        (d) => d.id.split(' ')[0] === c.command.slice(1) && d.fields.some((f) => f.kind === 'user'),
      );
      expect(c.should_escape, c.command).toBe(takesPerson);
    }
  });

  it('subscribes to the events the adapter listens for, with the scopes they need', () => {
    const { bot_events: events, request_url: url } = manifest.settings.event_subscriptions;
    expect(events).toEqual(
      expect.arrayContaining([
        'reaction_added',
        'reaction_removed',
        'message.channels',
        'app_home_opened',
        'app_uninstalled',
        'tokens_revoked',
      ]),
    );
    expect(new URL(url).pathname).toBe('/slack/events');
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'commands',
        'chat:write',
        'im:write',
        'reactions:read',
        'users:read',
        'channels:history',
        'files:write',
      ]),
    );
  });

  it('asks a workspace installing through /slack/install for exactly the manifest bot scopes', () => {
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });

  it('sends buttons and modal submissions to the same endpoint', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe('/slack/events');
  });
});

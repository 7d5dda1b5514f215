import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_COMMANDS } from '../../src/core/commands/declarations.ts';
import { createWorld, replyText, type World } from '../helpers/world.ts';

describe('a message written to the bot in a DM', () => {
  let h: World;
  beforeEach(async () => {
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command('alice', 'rebound', 'setup');
  });
  afterEach(() => h.close());

  it('gets a short private answer naming every command that works in a DM, and no other', async () => {
    const reply = await h.rebound.handle({ kind: 'direct-message', source: h.source('bob', { channelId: 'D-bob' }) });
    expect(reply.type).toBe('private');
    const text = replyText(reply);
    for (const c of ALL_COMMANDS) {
      if (c.where === 'group-or-dm') expect(text).toContain(`/${c.id} — `);
      else expect(text).not.toContain(`/${c.id} — `);
    }
    // Writing to the bot makes nobody a member.
    expect(await h.store.members.listByUser({ platform: 'slack', workspaceId: 'T1' }, 'bob')).toEqual([]);
  });
});

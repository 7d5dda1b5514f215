import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/errors.ts';
import { createWorld, replyText, type World } from '../helpers/world.ts';

const WS = { platform: 'slack', workspaceId: 'T1' } as const;

describe('/rebound setup posts its welcome before it makes a group', () => {
  let h: World;
  beforeEach(() => {
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
  });
  afterEach(() => h.close());

  it('in a channel the bot cannot post in, makes no group and says how to let the bot in', async () => {
    h.chat.failNext(
      DeliveryError.permanent(
        'chat.postMessage: not_in_channel',
        undefined,
        'Invite me first (the hint of the platform).',
      ),
      'channel',
    );
    const reply = await h.command('alice', 'rebound', 'setup 09:00 UTC');
    expect(replyText(reply)).not.toMatch(/Done/);
    expect(replyText(reply)).toMatch(/can't post in this channel, so it is not a group yet/);
    expect(replyText(reply)).toContain('Invite me first (the hint of the platform).');
    expect(replyText(reply)).toMatch(/run \/rebound setup again/);
    expect(await h.store.groups.findByChannel(WS, 'C1')).toBeNull();
    // Nobody was made a member, so nobody gets a check-in or a DM later.
    expect(await h.store.members.listByUser(WS, 'alice')).toEqual([]);
  });

  it('without a hint from the platform, says in plain words to add the bot to the channel', async () => {
    h.chat.failNext(DeliveryError.permanent('refused'), 'channel');
    const reply = await h.command('alice', 'rebound', 'setup');
    expect(replyText(reply)).toMatch(/Add me to this channel/);
    expect(await h.store.groups.findByChannel(WS, 'C1')).toBeNull();
  });

  it('when the platform fails for a moment, makes no group and asks to try again', async () => {
    h.chat.failNext(DeliveryError.transient('timeout'), 'channel');
    const reply = await h.command('alice', 'rebound', 'setup');
    expect(replyText(reply)).toMatch(/just now.*again in a minute/s);
    expect(await h.store.groups.findByChannel(WS, 'C1')).toBeNull();
    // The next try works.
    expect(replyText(await h.command('alice', 'rebound', 'setup'))).toMatch(/^Done/);
    expect(await h.store.groups.findByChannel(WS, 'C1')).not.toBeNull();
  });

  it('once the welcome is posted, makes the group, and the welcome says what the group sees and how to change it', async () => {
    const reply = await h.command('alice', 'rebound', 'setup 09:00 UTC');
    expect(replyText(reply)).toMatch(/^Done: this channel is a Rebound group/);
    const welcome = h.chat.sent.filter((s) => s.kind === 'channel');
    expect(welcome).toHaveLength(1);
    expect(welcome[0]?.text).toMatch(/What the group sees: by default.*company and role/s);
    expect(welcome[0]?.text).toContain('/rebound visibility counts');
    expect(welcome[0]?.text).toContain('/rebound visibility private');
    const group = await h.store.groups.findByChannel(WS, 'C1');
    expect(group?.adminUserIds).toEqual(['alice']);
    expect((await h.store.members.find(group?.id ?? 0, 'alice'))?.active).toBe(true);
  });
});

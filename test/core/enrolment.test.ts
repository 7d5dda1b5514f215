import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, replyText, type World } from '../helpers/world.ts';

const GROUP = { platform: 'slack', workspaceId: 'T1' } as const;

describe('only joining or logging makes someone a member', () => {
  let h: World;
  beforeEach(async () => {
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command('alice', 'rebound', 'setup');
  });
  afterEach(() => h.close());

  const memberOf = async (userId: string) => {
    const group = await h.store.groups.findByChannel(GROUP, 'C1');
    return group ? h.store.members.find(group.id, userId) : null;
  };
  const sentTo = (userId: string) => h.chat.sent.filter((s) => s.kind === 'dm' && s.to === userId);

  it('reading commands from someone who never joined make no member, and no DM reaches them in two weeks', async () => {
    await h.command('bob', 'stats');
    await h.command('bob', 'stats', 'group');
    await h.command('bob', 'followups');
    await h.command('bob', 'rebound', 'help');
    await h.command('bob', 'rebound', 'export');
    expect(await memberOf('bob')).toBeNull();
    await h.advanceTo(new Date('2026-12-09T12:00:00Z'));
    expect(sentTo('bob')).toEqual([]);
    expect(sentTo('alice').length).toBeGreaterThan(0);
  });

  it('a setting from someone who never joined asks them to join and makes no member', async () => {
    const reply = await h.command('bob', 'rebound', 'timezone Asia/Kolkata');
    expect(replyText(reply)).toMatch(/not joined #job-hunt.*\/rebound join/s);
    expect(await memberOf('bob')).toBeNull();
  });

  it('a first /applied in the group channel makes its author a member, and its reply says so once', async () => {
    const first = await h.command('bob', 'applied', 'Acme | SRE');
    expect(replyText(first)).toMatch(/Logged: SRE at Acme/);
    expect(replyText(first)).toMatch(/You've joined #job-hunt: I'll nudge you by DM.*\/rebound leave stops it/);
    expect((await memberOf('bob'))?.active).toBe(true);
    const second = await h.command('bob', 'applied', 'Globex | PM');
    expect(replyText(second)).not.toMatch(/You've joined/);
  });

  it('a first /rejected, /update or /feedback says it made its author a member', async () => {
    expect(replyText(await h.command('carol', 'rejected', 'Acme | SRE'))).toMatch(/You've joined #job-hunt/);
    expect(replyText(await h.command('dan', 'update', 'Sent two applications'))).toMatch(/You've joined #job-hunt/);
    expect((await memberOf('carol'))?.active).toBe(true);
    expect((await memberOf('dan'))?.active).toBe(true);
  });

  it('after /rebound leave, /applied asks to join again, stores nothing and posts nothing', async () => {
    await h.command('bob', 'rebound', 'join');
    await h.command('bob', 'rebound', 'leave');
    const posts = h.chat.sent.filter((s) => s.kind === 'channel').length;
    const reply = await h.command('bob', 'applied', 'Acme | SRE');
    expect(replyText(reply)).toMatch(/You left #job-hunt.*\/rebound join/s);
    const bob = await memberOf('bob');
    expect(bob?.active).toBe(false);
    expect(await h.store.applications.listByMember(bob?.id ?? 0)).toEqual([]);
    expect(h.chat.sent.filter((s) => s.kind === 'channel').length).toBe(posts);
  });

  it('after /rebound leave, a rejection, an update or feedback is refused the same way', async () => {
    await h.command('bob', 'applied', 'Acme | SRE');
    await h.command('bob', 'rebound', 'leave');
    // The application's own silence steps; nothing refused below adds to them.
    const before = await h.store.followUps.listByMember((await memberOf('bob'))?.id ?? 0, ['pending']);
    expect(before.map((f) => f.ruleId)).toEqual(['silence-follow-up', 'silence-ghosted']);
    for (const [name, text] of [
      ['rejected', 'Acme | SRE'],
      ['update', 'hello'],
      ['feedback', 'Acme | more depth'],
    ] as const) {
      expect(replyText(await h.command('bob', name, text))).toMatch(/You left #job-hunt/);
    }
    // A setting is refused the same way, and does not bring them back.
    expect(replyText(await h.command('bob', 'rebound', 'quiet 22-07'))).toMatch(/You left #job-hunt.*\/rebound join/s);
    const bob = await memberOf('bob');
    expect(bob?.active).toBe(false);
    expect(bob?.quietStartMinute).toBe(21 * 60);
    expect(await h.store.followUps.listByMember(bob?.id ?? 0, ['pending'])).toEqual(before);
  });

  it('/rebound join brings someone who left back, and then /applied is logged', async () => {
    await h.command('bob', 'rebound', 'join');
    await h.command('bob', 'rebound', 'leave');
    await h.command('bob', 'rebound', 'join');
    const reply = await h.command('bob', 'applied', 'Acme | SRE');
    expect(replyText(reply)).toMatch(/Logged: SRE at Acme/);
    expect(replyText(reply)).not.toMatch(/You've joined/);
  });
});
